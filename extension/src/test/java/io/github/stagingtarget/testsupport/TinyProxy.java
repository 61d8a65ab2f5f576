package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Debian's real forward proxy {@code tinyproxy}, started privately in the foreground on a free 127.0.0.1
 * port, optionally asking for Basic credentials (answering 407 without them). HTTPS goes through it with
 * CONNECT to any port. Its log tells which requests passed it ({@link #log()}). Closing stops it.
 */
public final class TinyProxy implements AutoCloseable {

    public static final Path TINYPROXY = Path.of("/usr/bin/tinyproxy");

    private final Process process;
    private final int port;
    private final Path dir;

    private TinyProxy(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isExecutable(TINYPROXY);
    }

    /** Without credentials. */
    public static TinyProxy start(Path dir) {
        return start(dir, Optional.empty());
    }

    /** Asking for {@code user} and {@code password}, as {@code BasicAuth} in its config. */
    public static TinyProxy start(Path dir, String user, String password) {
        return start(dir, Optional.of(new String[] {user, password}));
    }

    private static TinyProxy start(Path dir, Optional<String[]> credentials) {
        try {
            Files.createDirectories(dir);
            for (int attempt = 1; ; attempt++) {
                int port = GateNginx.freePort();
                List<String> lines = new ArrayList<>(List.of(
                        "Port " + port,
                        "Listen 127.0.0.1",
                        "Timeout 30",
                        "MaxClients 20",
                        "Allow 127.0.0.1",
                        "LogLevel Connect",
                        "DisableViaHeader Yes",
                        "LogFile \"" + dir.resolve("tinyproxy.log") + "\"",
                        "PidFile \"" + dir.resolve("tinyproxy.pid") + "\""));
                if ("root".equals(System.getProperty("user.name"))) {
                    lines.add("User root");
                    lines.add("Group root");
                }
                credentials.ifPresent(c -> lines.add("BasicAuth " + c[0] + " " + c[1]));
                Path config = Files.writeString(dir.resolve("tinyproxy.conf"), String.join("\n", lines) + "\n");
                Process process = new ProcessBuilder(TINYPROXY.toString(), "-d", "-c", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("tinyproxy.out").toFile())
                        .start();
                TinyProxy proxy = new TinyProxy(process, port, dir);
                if (Processes.awaitListening(proxy.process, proxy.port)) {
                    return proxy;
                }
                proxy.close();
                if (attempt == 3) {
                    throw new IllegalStateException("tinyproxy did not start:\n"
                            + Files.readString(dir.resolve("tinyproxy.out")) + proxy.log());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}, what {@code http.proxy.url} takes. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** tinyproxy's log: every request and CONNECT it handled. */
    public String log() {
        try {
            Path log = dir.resolve("tinyproxy.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
