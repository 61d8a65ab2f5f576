package io.github.stagingtarget.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pages for browser tests, served in-process on 127.0.0.1. Each page says plainly what a test can look
 * for, and {@link #config(String)} writes a target that names them.
 */
public final class TestPages implements AutoCloseable {

    private static final Pattern LIST = Pattern.compile("/lists/(\\d+)/");

    private final HttpServer server;

    private TestPages(HttpServer server) {
        this.server = server;
    }

    public static TestPages start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", TestPages::handle);
            server.start();
            return new TestPages(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** A configuration with one target, {@code local}, on these pages; {@code browser} goes into its block. */
    public String config(String browser) {
        return """
                staging-target {
                  defaults.paths { home = "/", list = "/lists/{id}/", store = "/store", broken = "/broken" }
                  targets.local {
                    base-url = "%s"
                    browser { %s }
                  }
                }
                """.formatted(baseUrl(), browser);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher list = LIST.matcher(path);
        String body;
        if (path.equals("/")) {
            body = page("Home", "<h1 id='heading'>Home page</h1>");
        } else if (list.matches()) {
            body = page("List " + list.group(1), "<h1 id='heading'>Items of list " + list.group(1) + "</h1>");
        } else if (path.equals("/store")) {
            exchange.getResponseHeaders().add("Set-Cookie", "flavour=mint; Path=/");
            body = page(
                    "Store",
                    "<script>localStorage.setItem('kept', 'local'); sessionStorage.setItem('kept', 'session');"
                            + "</script><h1 id='heading'>Stored</h1>");
        } else if (path.equals("/broken")) {
            body = page(
                    "Broken",
                    "<h1 id='heading'>Something broke on this page</h1>"
                            + "<form><input type='password' name='pw' value='hunter2'></form>"
                            + "<script>console.error('the broken page logged this')</script>");
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body>" + body + "</body></html>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
