package io.github.stagingtarget.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH server for hermetic tests (Apache MINA SSHD) on a random port of 127.0.0.1, with its own host key.
 * Exec requests really run: {@code LOGIN_SHELL -c COMMAND} as a local process ({@code sh} unless
 * {@link Options#loginShell} says otherwise), as sshd runs them through the account's login shell. Like
 * OpenSSH without a terminal, closing the channel does not kill the command, so tests of remote timeouts
 * prove that our client stops commands itself. Counts connections and channels, and remembers the commands
 * it ran and the standard input each was sent.
 */
public final class EmbeddedSshServer implements AutoCloseable {

    public static final String USER = "tester";

    /**
     * @param environment variables added to every command's environment (e.g. a {@code PATH} whose {@code sh}
     *     is bash)
     * @param loginShell the program that runs exec requests with {@code -c}, like an account's login shell
     * @param maxChannels how many channels one connection may have open at once (the server's MaxSessions)
     */
    public record Options(Map<String, String> environment, String loginShell, int maxChannels) {

        public static final Options DEFAULT = new Options(Map.of(), "sh", Integer.MAX_VALUE);

        public Options withEnvironment(Map<String, String> variables) {
            return new Options(Map.copyOf(variables), loginShell, maxChannels);
        }

        public Options withLoginShell(String shell) {
            return new Options(environment, shell, maxChannels);
        }

        public Options withMaxChannels(int max) {
            return new Options(environment, loginShell, max);
        }
    }

    private final KeyPair hostKey;
    private final Path authorizedKeys;
    private final String password;
    private final Options options;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger channels = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<ByteArrayOutputStream> inputs = new CopyOnWriteArrayList<>();
    private SshServer server;
    private int port;

    private EmbeddedSshServer(KeyPair hostKey, Path authorizedKeys, String password, Options options)
            throws IOException {
        this.hostKey = hostKey;
        this.authorizedKeys = authorizedKeys;
        this.password = password;
        this.options = options;
        start(0);
    }

    private void start(int listenPort) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(listenPort);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        if (options.maxChannels() < Integer.MAX_VALUE) {
            server.setChannelFactories(List.of(new LimitedSessions(options.maxChannels())));
        }
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
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            inputs.add(input);
            return new ShellCommand(command, options, input);
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
        port = ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
    }

    /** A server with these options that accepts the public keys in {@code authorizedKeys} for {@link #USER}. */
    public static EmbeddedSshServer withKeys(KeyPair hostKey, Path authorizedKeys, Options options) {
        try {
            return new EmbeddedSshServer(hostKey, authorizedKeys, null, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that accepts the public keys in {@code authorizedKeys} (OpenSSH format) for {@link #USER}. */
    public static EmbeddedSshServer withKeys(KeyPair hostKey, Path authorizedKeys) {
        try {
            return new EmbeddedSshServer(hostKey, authorizedKeys, null, Options.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that accepts {@code password} for {@link #USER}. */
    public static EmbeddedSshServer withPassword(KeyPair hostKey, String password) {
        try {
            return new EmbeddedSshServer(hostKey, null, password, Options.DEFAULT);
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

    /** A fresh 2048-bit RSA host key. */
    public static KeyPair newRsaHostKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
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
        return port;
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

    /** What each command got on standard input, in the order of {@link #commands()}. */
    public List<String> inputs() {
        return inputs.stream()
                .map(input -> {
                    synchronized (input) {
                        return input.toString(StandardCharsets.UTF_8);
                    }
                })
                .toList();
    }

    /** Stops the server (dropping its connections) and starts it again on the same port with the same keys. */
    public void restart() {
        try {
            server.stop(true);
            start(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server; {@link #restart()} starts it again. */
    public void stop() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops every client connection, as a server restart or an idle timeout would. */
    public void dropConnections() {
        server.getActiveSessions().forEach(session -> session.close(true));
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /**
     * Session channels, at most {@code max} open at once per connection; one more is refused the way OpenSSH
     * refuses a session beyond its MaxSessions: "administratively prohibited", the connection left as it is.
     */
    private record LimitedSessions(int max) implements ChannelFactory {

        @Override
        public String getName() {
            return "session";
        }

        @Override
        public Channel createChannel(Session session) {
            long open = ((AbstractConnectionService) session.getService(ConnectionService.class))
                    .getChannels().stream()
                            .filter(channel -> channel instanceof ChannelSession && !(channel instanceof Refused))
                            .filter(channel -> channel.isOpen() && !channel.isClosing())
                            .count();
            return open < max ? new ChannelSession() : new Refused();
        }
    }

    private static final class Refused extends ChannelSession {

        @Override
        protected OpenFuture doInit(Buffer buffer) {
            OpenFuture refused = new DefaultOpenFuture(this, new Object());
            ((DefaultOpenFuture) refused)
                    .setException(new SshChannelOpenException(
                            getChannelId(), SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, "open failed"));
            return refused;
        }
    }

    /** {@code LOGIN_SHELL -c COMMAND} as a local process, its three streams wired to the channel. */
    private static final class ShellCommand implements Command {

        private final String command;
        private final Options options;
        private final ByteArrayOutputStream input;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        ShellCommand(String command, Options options, ByteArrayOutputStream input) {
            this.command = command;
            this.options = options;
            this.input = input;
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
            ProcessBuilder builder = new ProcessBuilder(options.loginShell(), "-c", command);
            builder.environment().putAll(options.environment());
            Process process = builder.start();
            Thread input = daemon(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (this.input) {
                            this.input.write(buffer, 0, n);
                        }
                        stdin.write(buffer, 0, n);
                        stdin.flush();
                    }
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
