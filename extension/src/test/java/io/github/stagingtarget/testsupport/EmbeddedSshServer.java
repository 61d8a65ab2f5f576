package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH server for hermetic tests (Apache MINA SSHD) on a random port of 127.0.0.1, with its own host key.
 * Exec requests really run: {@code sh -c COMMAND} as a local process. Like OpenSSH without a terminal,
 * closing the channel does not kill the command, so tests of remote timeouts prove that our client stops
 * commands itself. Counts connections and channels, and remembers the commands it ran.
 */
public final class EmbeddedSshServer implements AutoCloseable {

    public static final String USER = "tester";

    private final SshServer server;
    private final KeyPair hostKey;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger channels = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private EmbeddedSshServer(KeyPair hostKey, Path authorizedKeys, String password) throws IOException {
        this.hostKey = hostKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        if (authorizedKeys != null) {
            List<PublicKey> allowed = keys(authorizedKeys);
            server.setPublickeyAuthenticator((user, key, session) ->
                    USER.equals(user) && allowed.stream().anyMatch(candidate -> KeyUtils.compareKeys(candidate, key)));
        }
        if (password != null) {
            server.setPasswordAuthenticator((user, given, session) -> USER.equals(user) && password.equals(given));
        }
        server.setCommandFactory((channel, command) -> {
            commands.add(command);
            return new ShellCommand(command);
        });
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                connections.incrementAndGet();
            }
        });
        server.addChannelListener(new ChannelListener() {
            @Override
            public void channelOpenSuccess(Channel channel) {
                channels.incrementAndGet();
            }
        });
        server.start();
    }

    /** A server that accepts the public keys in {@code authorizedKeys} (OpenSSH format) for {@link #USER}. */
    public static EmbeddedSshServer withKeys(KeyPair hostKey, Path authorizedKeys) {
        try {
            return new EmbeddedSshServer(hostKey, authorizedKeys, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that accepts {@code password} for {@link #USER}. */
    public static EmbeddedSshServer withPassword(KeyPair hostKey, String password) {
        try {
            return new EmbeddedSshServer(hostKey, null, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh ECDSA host key. */
    public static KeyPair newHostKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PublicKey> keys(Path authorizedKeys) throws IOException {
        try {
            return org.apache.sshd.common.config.keys.PublicKeyEntry.resolvePublicKeyEntries(
                    null,
                    AuthorizedKeyEntry.readAuthorizedKeys(authorizedKeys),
                    org.apache.sshd.common.config.keys.PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** The known_hosts line for this server, as {@code [127.0.0.1]:PORT TYPE BASE64}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + KeyUtils.getKeyType(hostKey.getPublic()) + " "
                + java.util.Base64.getEncoder().encodeToString(blob(hostKey.getPublic()));
    }

    private static byte[] blob(PublicKey key) {
        org.apache.sshd.common.util.buffer.ByteArrayBuffer buffer =
                new org.apache.sshd.common.util.buffer.ByteArrayBuffer();
        buffer.putRawPublicKey(key);
        return buffer.getCompactData();
    }

    public void writeKnownHosts(Path file) {
        try {
            Files.writeString(file, knownHostsLine() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int connections() {
        return connections.get();
    }

    public int channels() {
        return channels.get();
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Drops every client connection, as a server restart or an idle timeout would. */
    public void dropConnections() {
        server.getActiveSessions().forEach(session -> session.close(true));
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code sh -c COMMAND} as a local process, its three streams wired to the channel. */
    private static final class ShellCommand implements Command {

        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        ShellCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            Process process = new ProcessBuilder("sh", "-c", command).start();
            Thread input = daemon(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    in.transferTo(stdin);
                }
            });
            Thread output = daemon(() -> copy(process.getInputStream(), out));
            Thread error = daemon(() -> copy(process.getErrorStream(), err));
            daemon(() -> {
                int code = process.waitFor();
                output.join();
                error.join();
                input.interrupt();
                exit.onExit(code);
            });
        }

        private static void copy(InputStream from, OutputStream to) throws IOException {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            // Like OpenSSH without a pty: the process keeps running when the channel closes.
        }

        private interface Body {
            void run() throws Exception;
        }

        private static Thread daemon(Body body) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            body.run();
                        } catch (Exception e) {
                            // The channel went away; the process is left alone, as OpenSSH would.
                        }
                    },
                    "embedded-sshd-command");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
