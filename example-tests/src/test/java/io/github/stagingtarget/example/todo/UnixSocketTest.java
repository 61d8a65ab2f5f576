package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTest {

    @TempDir
    Path dir;

    @Test
    void servesOnAGroupWritableSocketAndRemovesItWhenStopped() throws Exception {
        Path socket = dir.resolve("app.sock");
        try (var served = start(socket)) {
            assertThat(served.server().unixSocket()).hasValue(socket);
            assertThat(served.server().uri()).isEmpty();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                    .isEqualTo("rw-rw----");

            String response = get(socket, "/health");

            assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok");
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void replacesAStaleSocketFile() throws Exception {
        Path socket = dir.resolve("stale.sock");
        // A socket file that nobody listens on, as a killed server leaves it.
        try (var listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        try (var served = start(socket)) {
            assertThat(served.server().unixSocket()).hasValue(socket);
            assertThat(get(socket, "/version")).endsWith("\r\n\r\ndev");
        }
    }

    @Test
    void behindTheProxyTheMailedLinkUsesTheSchemeHostAndPortTheVisitorUsed() throws Exception {
        Path socket = dir.resolve("proxied.sock");
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try (var served = start(
                socket,
                Map.of(
                        "TODO_SMTP_HOST",
                        "127.0.0.1",
                        "TODO_SMTP_PORT",
                        "" + smtp.getSmtp().getPort()))) {
            // What the staging host's nginx sends for https://staging.todo.test:8443/login.
            String body = "email=edith%40example.com";
            String response = exchange(
                    socket,
                    "POST /login HTTP/1.1\r\nHost: staging.todo.test:8443\r\nX-Forwarded-Proto: https\r\n"
                            + "X-Forwarded-Host: staging.todo.test:8443\r\nX-Forwarded-Port: 8443\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(response).startsWith("HTTP/1.1 200 ");

            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            String mail =
                    new String(smtp.getReceivedMessages()[0].getInputStream().readAllBytes());
            assertThat(mail).contains("https://staging.todo.test:8443/login/confirm?token=");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void refusesToDeleteARegularFile() throws Exception {
        Path notASocket = Files.writeString(dir.resolve("data.txt"), "precious");

        assertThatThrownBy(() -> start(notASocket))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(notASocket.toString())
                .hasMessageContaining("not a socket");
        assertThat(notASocket).hasContent("precious");
    }

    /** The server and its database, closed together. */
    private record Served(TodoServer server, Database database) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                database.close();
            }
        }
    }

    private static Served start(Path socket) throws Exception {
        return start(socket, Map.of());
    }

    private static Served start(Path socket, Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("TODO_JDBC_URL", "jdbc:h2:mem:unix-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        AppSettings settings = AppSettings.resolve(Map.of("unix-socket", socket.toString()), all);
        Database database = new Database(settings);
        try {
            TodoStore store = new TodoStore(database);
            store.ensureSchema();
            return new Served(TodoServer.start(settings, store, StaticFiles.load()), database);
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    /** A minimal HTTP/1.1 exchange: java.net.http cannot talk over unix domain sockets. */
    private static String get(Path socket, String path) throws IOException {
        return exchange(socket, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    private static String exchange(Path socket, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            var response = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) >= 0) {
                response.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
