package io.github.stagingtarget.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real OpenSSH {@code /usr/sbin/sshd}, started privately for one test class: its own directory
 * with an sshd_config ({@code Port}, {@code ListenAddress 127.0.0.1}, a fresh ed25519 {@code HostKey},
 * {@code PidFile}, {@code AuthorizedKeysFile} in that directory, no passwords, no PAM, {@code StrictModes
 * no}), running in the foreground ({@code -D -e}) as the current user. Ready once it logs "Server
 * listening"; stopped with its process. Never touches the system's sshd or port 22.
 */
public final class OpenSshServer implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final int port;
    private final Path dir;
    private final Path clientKey;

    private OpenSshServer(Process process, int port, Path dir, Path clientKey) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.clientKey = clientKey;
    }

    public static boolean available() {
        return Files.isExecutable(SSHD);
    }

    public static OpenSshServer start(Path dir) {
        return start(dir, "ed25519", List.of());
    }

    /**
     * @param hostKeyType the type of the one host key, as ssh-keygen names it (ed25519, rsa, ecdsa)
     * @param extraConfig further sshd_config lines, such as {@code MaxSessions 1} or {@code SetEnv PATH=…}
     */
    public static OpenSshServer start(Path dir, String hostKeyType, List<String> extraConfig) {
        try {
            // sshd's privilege separation needs this directory; Debian creates it only when its service starts.
            Files.createDirectories(Path.of("/run/sshd"));
            Path hostKey = SshKeys.generate(dir, "ssh_host_" + hostKeyType + "_key", hostKeyType, "");
            Path clientKey = SshKeys.generate(dir, "id_ed25519", "ed25519", "");
            Files.copy(SshKeys.publicKey(clientKey), dir.resolve("authorized_keys"));
            // The free port may be taken by a test class running alongside before sshd binds it: try another.
            for (int attempt = 1; ; attempt++) {
                try {
                    return start(dir, hostKey, clientKey, extraConfig);
                } catch (PortTakenException e) {
                    if (attempt == 3) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OpenSshServer start(Path dir, Path hostKey, Path clientKey, List<String> extraConfig)
            throws IOException {
        int port = freePort();
        Path config = Files.writeString(
                dir.resolve("sshd_config"),
                String.join(
                        "\n",
                        String.join("\n", extraConfig),
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + hostKey,
                        "PidFile " + dir.resolve("sshd.pid"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "UsePAM no",
                        "StrictModes no",
                        // Debian's default; key login as root is what the tests use.
                        "PermitRootLogin prohibit-password",
                        "MaxSessions 20",
                        ""));
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .start();
        OpenSshServer server = new OpenSshServer(process, port, dir, clientKey);
        server.awaitListening();
        Files.writeString(
                dir.resolve("known_hosts"),
                "[127.0.0.1]:" + port + " "
                        + Files.readString(SshKeys.publicKey(hostKey)).trim() + "\n");
        return server;
    }

    private void awaitListening() throws IOException {
        BufferedReader log =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = log.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("Server listening on 127.0.0.1")) {
                // Keep draining its log so sshd never blocks on a full pipe.
                Thread drain = new Thread(
                        () -> {
                            try {
                                log.transferTo(java.io.Writer.nullWriter());
                            } catch (IOException e) {
                                // sshd stopped.
                            }
                        },
                        "sshd-log");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        if (seen.toString().contains("Address already in use")) {
            throw new PortTakenException("sshd could not bind its port:\n" + seen);
        }
        throw new IllegalStateException("sshd exited before listening:\n" + seen);
    }

    private static final class PortTakenException extends IOException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return clientKey;
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public static String user() {
        return System.getProperty("user.name");
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
