package io.github.stagingtarget.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in for an application under test, launched by the extension in a child JVM.
 *
 * <p>Arguments: {@code PORT [MODE]}; MODE {@code serve} (default) answers every path with 200,
 * {@code crash} writes a line and exits with 3, {@code mute} never listens. If the environment variable
 * {@code PID_FILE} is set, the process writes its pid there first.
 */
public final class TinyHttpServer {

    private TinyHttpServer() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String pidFile = System.getenv("PID_FILE");
        if (pidFile != null) {
            Files.writeString(
                    Path.of(pidFile), Long.toString(ProcessHandle.current().pid()));
        }
        int port = Integer.parseInt(args[0]);
        String mode = args.length > 1 ? args[1] : "serve";
        System.out.println("TinyHttpServer starting in mode " + mode + " on port " + port);
        switch (mode) {
            case "crash" -> {
                System.out.println("cannot open database: no such file");
                System.exit(3);
            }
            case "mute" -> Thread.sleep(Long.MAX_VALUE);
            default -> serve(port);
        }
    }

    private static void serve(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("hello from " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("Listening on http://127.0.0.1:" + port + "/");
    }
}
