package io.github.stagingtarget.http.client;

import io.github.stagingtarget.config.HttpSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Lets the JDK's own HTTP client answer a proxy's Basic challenge for HTTPS without changing the JVM-wide
 * {@code jdk.http.auth.tunneling.disabledSchemes}: the client sends its {@code CONNECT} to this relay on
 * 127.0.0.1 with a per-relay random token ({@code Proxy-Authorization: StagingTargetRelay <token>}, a scheme
 * the JDK lets through), and the relay forwards it to the real proxy with the Basic credentials instead, then
 * copies bytes both ways. TLS runs end to end through it: the relay sees only the encrypted stream. Without
 * the token (another local process) it answers 407. Its threads are daemons; it lives as long as the run.
 */
final class TunnelRelay {

    static final String SCHEME = "StagingTargetRelay";

    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket server;
    private final HttpSettings.Proxy upstream;
    private final String token;
    private final String basic;

    private TunnelRelay(ServerSocket server, HttpSettings.Proxy upstream, String token) {
        this.server = server;
        this.upstream = upstream;
        this.token = token;
        this.basic = HttpClientSetup.basic(
                upstream.user().orElseThrow(), upstream.password().orElseThrow());
    }

    static TunnelRelay start(HttpSettings.Proxy upstream) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            TunnelRelay relay = new TunnelRelay(
                    server, upstream, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            Thread accept = new Thread(relay::acceptLoop, "stagingtarget-proxy-relay");
            accept.setDaemon(true);
            accept.start();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the proxy relay on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** The {@code Proxy-Authorization} value a request through this relay carries. */
    String authorization() {
        return SCHEME + " " + token;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "stagingtarget-proxy-relay-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            boolean authorized = false;
            StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
                    authorized |= line.substring(line.indexOf(':') + 1).trim().equals(authorization());
                } else if (!line.isEmpty()) {
                    forwarded.append(line).append("\r\n");
                }
            }
            if (!lines[0].startsWith("CONNECT ") || !authorized) {
                client.getOutputStream()
                        .write(("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n"
                                        + "Connection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            forwarded.append("Proxy-Authorization: ").append(basic).append("\r\n\r\n");
            try (Socket proxy =
                    new Socket(upstream.url().getHost(), upstream.url().getPort())) {
                proxy.getOutputStream().write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
                Thread down = new Thread(() -> copy(proxy, client), "stagingtarget-proxy-relay-down");
                down.setDaemon(true);
                down.start();
                copy(client, proxy);
                down.join();
            }
        } catch (IOException e) {
            // The client sees the connection close, and reports it with the request.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD) {
                throw new IOException("no request head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed: the other direction ends too.
            try {
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
