package io.github.stagingtarget.console.ssh;

import io.github.stagingtarget.console.ConnectionFailedException;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.ssh.KnownHostsVerifier.Refusal;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * The one SSH connection of a target for the whole run: opened on first use, shared by every command (one
 * session each), reopened if its transport died since its last use, closed at the end of the run. At most
 * {@code maxSessions} sessions are open at once, so parallel tests queue instead of hitting the server's
 * MaxSessions limit. If the first connect fails, the failure is remembered and reported again without
 * retrying, so a server that is down costs one connect timeout per run, not one per class; a reconnect that
 * fails later is not remembered, so the next command tries again.
 */
final class SshConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.github.stagingtarget.console.ssh");

    private final SshSettings settings;
    private final Function<String, String> environment;
    private final SecretMask mask;
    private final Semaphore sessions;
    private final AtomicInteger connects = new AtomicInteger();

    private SSHClient client;
    private ConsoleException failure;
    private boolean closed;

    SshConnection(SshSettings settings, Function<String, String> environment, SecretMask mask) {
        this.settings = settings;
        this.environment = environment;
        this.mask = mask;
        this.sessions = new Semaphore(settings.maxSessions(), true);
    }

    int connects() {
        return connects.get();
    }

    /**
     * A new session; {@link #release} must follow its close.
     *
     * @throws ConsoleException naming target, host and port if no session can be had
     */
    Session openSession() {
        try {
            sessions.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException("Interrupted while waiting for an SSH session to " + where(), e);
        }
        try {
            SSHClient current = connected();
            try {
                return current.startSession();
            } catch (IOException | IllegalStateException e) {
                Optional<OpenFailException> refused = cause(e, OpenFailException.class);
                if (refused.isPresent()) {
                    // The server said no to this one session; the connection and other threads' commands on it
                    // are fine.
                    throw refusal(refused.get());
                }
                if (!transportDied(current, e)) {
                    // No answer in time, or a failure of this one channel: the transport lives, and other
                    // threads' commands run on it, so it stays.
                    throw new ConsoleException(
                            "Cannot open an SSH session on the connection to " + where() + ", which is still up "
                                    + "and kept for the commands running on it: "
                                    + mask.apply(String.valueOf(e.getMessage())),
                            e);
                }
                // The transport died since the last command (server restart, idle timeout, network), and whatever
                // ran on it is gone: reconnect once. Only starting the session is retried; a command that may
                // have run is never repeated.
                discard(current);
                try {
                    return connected().startSession();
                } catch (IOException again) {
                    throw cause(again, OpenFailException.class)
                            .map(this::refusal)
                            .orElseGet(() -> new ConsoleException(
                                    "Cannot open an SSH session to " + where() + " after reconnecting: "
                                            + mask.apply(String.valueOf(again.getMessage())),
                                    again));
                }
            }
        } catch (RuntimeException e) {
            sessions.release();
            throw e;
        }
    }

    /**
     * Whether a failure to open a session means the transport is gone. SSHJ reports a dead transport to the
     * waiting opener before {@link SSHClient#isConnected()} turns false, so the cause counts as much as the state.
     */
    private static boolean transportDied(SSHClient client, Exception failure) {
        return !client.isConnected()
                || failure instanceof IllegalStateException // SSHJ's "Not connected"
                || cause(failure, TransportException.class).isPresent();
    }

    private ConsoleException refusal(OpenFailException refused) {
        return new ConsoleException(
                "The server refused to open another SSH session on the connection to " + where()
                        + " (" + refused.getReason() + ": " + refused.getMessage()
                        + "), while the connection itself is fine. "
                        + "It probably allows fewer sessions per connection than ssh.max-sessions = "
                        + settings.maxSessions()
                        + ": lower ssh.max-sessions (ssh block at " + settings.origin()
                        + ") to the server's MaxSessions "
                        + "(sshd_config; OpenSSH's default is 10), or raise MaxSessions on the server.",
                refused);
    }

    void release() {
        sessions.release();
    }

    /** Forgets a connection whose transport died, so the next command reconnects. */
    synchronized void discard(SSHClient broken) {
        if (client == broken) {
            client = null;
            closeQuietly(broken);
        }
    }

    synchronized SSHClient connected() {
        if (closed) {
            throw new ConsoleException("The SSH connection to " + where() + " is closed: the test run is over");
        }
        if (failure != null) {
            throw new ConnectionFailedException(failure.getMessage(), failure);
        }
        if (client != null && client.isConnected() && client.isAuthenticated()) {
            return client;
        }
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
        boolean reconnecting = connects.get() > 0;
        try {
            client = connect();
            return client;
        } catch (ConsoleException e) {
            if (!reconnecting) {
                failure = e;
                throw e;
            }
            // The server was there earlier in the run: this is an outage of this command, not of the run.
            throw new ConsoleException(
                    "Lost the SSH connection to " + where() + " and could not reconnect; the next command tries "
                            + "again. " + e.getMessage(),
                    e);
        }
    }

    private SSHClient connect() {
        DefaultConfig config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient ssh = new SSHClient(config);
        ssh.setConnectTimeout((int) settings.connectTimeout().toMillis());
        ssh.setTimeout((int) settings.readTimeout().toMillis());
        ssh.getConnection().getKeepAlive().setKeepAliveInterval((int)
                Math.max(1, settings.keepalive().toSeconds()));
        KnownHostsVerifier verifier;
        try {
            verifier = new KnownHostsVerifier(settings.knownHosts(), settings.hostKeyPolicy());
        } catch (IOException e) {
            throw fail(
                    "cannot read the known_hosts file " + settings.knownHosts() + " (ssh.known-hosts): "
                            + e.getMessage(),
                    e);
        }
        ssh.addHostKeyVerifier(verifier);
        try {
            // Keys are loaded before the connection is opened: a bad key file is a configuration error.
            Optional<KeyProvider> key = settings.identity().map(identity -> loadKey(ssh, identity));
            ssh.connect(settings.host(), settings.port());
            if (key.isPresent()) {
                ssh.authPublickey(settings.user(), key.get());
            } else {
                String password = secret(settings.passwordEnv().orElseThrow(), "ssh.password-env");
                ssh.authPassword(settings.user(), password.toCharArray());
            }
            connects.incrementAndGet();
            return ssh;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ssh);
            throw explain(e, verifier.refusal());
        }
    }

    private KeyProvider loadKey(SSHClient ssh, Path identity) {
        if (!Files.isReadable(identity)) {
            throw fail(
                    "cannot read the private key file " + identity + " (ssh.identity): "
                            + (Files.exists(identity) ? "permission denied" : "no such file"),
                    null);
        }
        tooOpen(identity).ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
        try {
            KeyProvider key = settings.passphraseEnv().isPresent()
                    ? ssh.loadKeys(
                            identity.toString(),
                            PasswordUtils.createOneOff(
                                    secret(settings.passphraseEnv().get(), "ssh.passphrase-env")
                                            .toCharArray()))
                    : ssh.loadKeys(identity.toString());
            // SSHJ parses key files lazily and skips keys it cannot parse during authentication; parse now
            // so that a wrong passphrase or a broken file fails loudly, with the file named.
            key.getPublic();
            key.getPrivate();
            return key;
        } catch (IOException | RuntimeException e) {
            throw fail(
                    "cannot load the private key file " + identity + " (ssh.identity): "
                            + mask.apply(String.valueOf(e.getMessage()))
                            + (settings.passphraseEnv().isEmpty()
                                    ? ". If the key is encrypted, name the environment variable holding its passphrase in ssh.passphrase-env"
                                    : ". Check the passphrase in environment variable "
                                            + settings.passphraseEnv().get()),
                    e);
        }
    }

    /**
     * OpenSSH's warning for a private key file that others may read or write ({@code mode & 077}); OpenSSH
     * then ignores the key, we use it but say so, once per connect.
     */
    static Optional<String> tooOpen(Path key) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(key);
        } catch (UnsupportedOperationException | IOException e) {
            return Optional.empty(); // Not a POSIX file system: nothing comparable to check.
        }
        if (permissions.stream()
                .noneMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
            return Optional.empty();
        }
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return Optional.of(String.format(
                "UNPROTECTED PRIVATE KEY FILE! Permissions %04o for '%s' (ssh.identity) are too open: "
                        + "a private key must not be accessible by others. OpenSSH would ignore this key; "
                        + "restrict it with: chmod 600 '%s'",
                mode, key, key));
    }

    private String secret(String variable, String key) {
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw fail("the environment variable " + variable + " named in " + key + " is not set", null);
        }
        mask.add(value);
        return value;
    }

    private ConsoleException explain(Exception e, Optional<Refusal> refusal) {
        if (e instanceof ConsoleException console) {
            return console;
        }
        if (refusal.isPresent()) {
            return fail(HostKeyMessages.refusal(refusal.get(), settings), e);
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return fail("unknown host: DNS cannot resolve '" + settings.host() + "'. Check ssh.host", e);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return fail(
                    "connection refused (" + cause.getMessage() + "). Is sshd running there, and is ssh.port right?",
                    e);
        }
        if (cause instanceof SocketTimeoutException) {
            return fail(
                    "timed out after " + settings.connectTimeout().toMillis() + " ms (ssh.connect-timeout "
                            + "/ ssh.read-timeout). Is the host reachable from here (VPN, firewall)?",
                    e);
        }
        if (e instanceof UserAuthException) {
            return fail(
                    "authentication as '" + settings.user() + "' failed with "
                            + settings.identity()
                                    .map(id -> "the key " + id + " (ssh.identity). Is its public key in ~"
                                            + settings.user() + "/.ssh/authorized_keys on the server?")
                                    .orElse("the password from "
                                            + settings.passwordEnv().orElse("?") + " (ssh.password-env)"),
                    e);
        }
        return fail(mask.apply(String.valueOf(e.getMessage())), e);
    }

    private ConsoleException fail(String problem, Throwable cause) {
        return new ConnectionFailedException(
                "Cannot connect to " + where() + " over SSH: " + problem + " (ssh block at " + settings.origin() + ")",
                cause);
    }

    String where() {
        return "target '" + settings.target() + "' at " + settings.address();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void closeQuietly(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException | RuntimeException e) {
            // Closing a broken connection may fail; there is nothing left to release.
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
    }
}
