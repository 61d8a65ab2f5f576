package io.github.stagingtarget.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A local HTTP server standing in for a target in a test, and its answers. */
public final class LoopbackHttp {

    private LoopbackHttp() {}

    /** A server on a free port of 127.0.0.1, not started yet: add contexts, then {@code start()}. */
    public static HttpServer create() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }

    /** Answers with {@code status} and a UTF-8 {@code body}, and closes the exchange. */
    public static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** Answers with {@code status}, a {@code Content-Type}, further headers and {@code body}, and closes. */
    public static void respond(HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        headers.forEach(exchange.getResponseHeaders()::add);
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
