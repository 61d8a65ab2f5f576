package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real nginx, started privately on a free 127.0.0.1 port for one test: a staging server behind
 * HTTPS and a gate. It serves {@code /} ("ok") and {@code /version} (the configured version), optionally with
 * a client certificate required ({@code ssl_verify_client on}), {@code auth_basic} with an htpasswd file,
 * and a required header answered with 403 when it is missing or wrong. Its own config, pid, logs and temp
 * directories live in {@code dir}; closing stops it.
 *
 * <pre>{@code
 * try (GateNginx nginx = GateNginx.start(dir, GateNginx.https(certificates.server())
 *         .basicAuth("staging", "pw").requiredHeader("X-Staging-Token", "t"))) {
 *     nginx.url();   // https://localhost:PORT/
 * }
 * }</pre>
 */
public final class GateNginx implements AutoCloseable {

    public static final Path NGINX = Path.of("/usr/sbin/nginx");

    /** What the server asks for. Immutable: each method returns a changed copy. */
    public record Options(
            Optional<TestCertificates.Pair> certificate,
            Optional<Path> clientCa,
            Optional<String[]> basicAuth,
            Optional<String[]> requiredHeader,
            String version) {

        /** Also require a client certificate signed by {@code ca} (PEM). */
        public Options clientCertificate(Path ca) {
            return new Options(certificate, Optional.of(ca), basicAuth, requiredHeader, version);
        }

        public Options basicAuth(String user, String password) {
            return new Options(
                    certificate, clientCa, Optional.of(new String[] {user, password}), requiredHeader, version);
        }

        public Options requiredHeader(String name, String value) {
            return new Options(certificate, clientCa, basicAuth, Optional.of(new String[] {name, value}), version);
        }

        public Options version(String deployed) {
            return new Options(certificate, clientCa, basicAuth, requiredHeader, deployed);
        }
    }

    public static Options https(TestCertificates.Pair certificate) {
        return new Options(Optional.of(certificate), Optional.empty(), Optional.empty(), Optional.empty(), "1.0.0");
    }

    public static Options plainHttp() {
        return new Options(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "1.0.0");
    }

    private final Process process;
    private final int port;
    private final boolean tls;
    private final Path dir;

    private GateNginx(Process process, int port, boolean tls, Path dir) {
        this.process = process;
        this.port = port;
        this.tls = tls;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isExecutable(NGINX);
    }

    public static GateNginx start(Path dir, Options options) {
        try {
            Files.createDirectories(dir);
            Path root = Files.createDirectories(dir.resolve("www"));
            Files.writeString(root.resolve("index.html"), "ok\n");
            Files.writeString(root.resolve("version"), options.version() + "\n");
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Path config = Files.writeString(dir.resolve("nginx.conf"), config(dir, root, port, options));
                Process process = new ProcessBuilder(
                                NGINX.toString(),
                                "-e",
                                dir.resolve("error.log").toString(),
                                "-c",
                                config.toString(),
                                "-g",
                                "daemon off;")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("nginx.out").toFile())
                        .start();
                GateNginx nginx =
                        new GateNginx(process, port, options.certificate().isPresent(), dir);
                if (Processes.awaitListening(nginx.process, nginx.port)) {
                    return nginx;
                }
                nginx.close();
                String log = Files.readString(dir.resolve("nginx.out")) + readIfExists(dir.resolve("error.log"));
                if (!log.contains("Address already in use") || attempt == 3) {
                    throw new IllegalStateException("nginx did not start:\n" + log);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(Path dir, Path root, int port, Options options) throws IOException {
        List<String> server = new ArrayList<>();
        if (options.certificate().isPresent()) {
            server.add("listen 127.0.0.1:" + port + " ssl;");
            server.add("ssl_certificate " + options.certificate().get().certificate() + ";");
            server.add("ssl_certificate_key " + options.certificate().get().key() + ";");
        } else {
            server.add("listen 127.0.0.1:" + port + ";");
        }
        server.add("server_name localhost;");
        if (options.clientCa().isPresent()) {
            server.add("ssl_client_certificate " + options.clientCa().get() + ";");
            server.add("ssl_verify_client on;");
        }
        if (options.requiredHeader().isPresent()) {
            String variable = "$http_"
                    + options.requiredHeader()
                            .get()[0]
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('-', '_');
            server.add("if (" + variable + " != \"" + options.requiredHeader().get()[1] + "\") { return 403; }");
        }
        if (options.basicAuth().isPresent()) {
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(
                    htpasswd,
                    options.basicAuth().get()[0] + ":"
                            + apr1(options.basicAuth().get()[1]) + "\n");
            server.add("auth_basic \"staging\";");
            server.add("auth_basic_user_file " + htpasswd + ";");
        }
        server.add("root " + root + ";");
        server.add("location = /version { default_type text/plain; }");
        server.add("location / { default_type text/plain; index index.html; }");
        String temp = dir.resolve("tmp").toString();
        Files.createDirectories(dir.resolve("tmp"));
        return String.join(
                "\n",
                // Workers read the htpasswd file and the pages from this private directory.
                isRoot() ? "user root;" : "",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + ";",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + dir.resolve("access.log") + ";",
                "  client_body_temp_path " + temp + "/body;",
                "  proxy_temp_path " + temp + "/proxy;",
                "  fastcgi_temp_path " + temp + "/fastcgi;",
                "  uwsgi_temp_path " + temp + "/uwsgi;",
                "  scgi_temp_path " + temp + "/scgi;",
                "  server {",
                "    " + String.join("\n    ", server),
                "  }",
                "}",
                "");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** An htpasswd line's hash, as {@code openssl passwd -apr1} makes it (nginx reads it). */
    private static String apr1(String password) throws IOException {
        Process process = new ProcessBuilder("openssl", "passwd", "-apr1", "-stdin")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String hash = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl passwd failed: " + hash);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return hash;
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** {@code https://localhost:PORT/} (or http), the name the test certificates are made for. */
    public URI url() {
        return URI.create((tls ? "https" : "http") + "://localhost:" + port + "/");
    }

    /** The same server by IP address, {@code https://127.0.0.1:PORT/}. */
    public URI ipUrl() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port + "/");
    }

    /** What nginx logged about requests, for assertions on what reached it (headers are not in it). */
    public String accessLog() {
        try {
            return readIfExists(dir.resolve("access.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // nginx in the foreground stops gracefully on SIGTERM (destroy), its workers with it.
        Processes.stop(process);
    }
}
