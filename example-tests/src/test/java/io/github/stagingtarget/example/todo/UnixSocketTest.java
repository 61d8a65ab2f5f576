package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        AppSettings settings = AppSettings.resolve(
                Map.of("unix-socket", socket.toString()),
                Map.of("TODO_JDBC_URL", "jdbc:h2:mem:unix-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
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
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
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
