package io.github.stagingtarget.console.ssh;

import io.github.stagingtarget.console.ConnectionFailedException;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.SecretMask;
import io.github.stagingtarget.console.ssh.KnownHostsVerifier.Refusal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * The one SSH connection of a target for the whole run: opened on first use, shared by every command (one
 * session each), reopened once if it dropped since its last use, closed at the end of the run. At most
 * {@code maxSessions} sessions are open at once, so parallel tests queue instead of hitting the server's
 * MaxSessions limit. A failed connect is remembered and reported again without retrying, so a down server
 * costs one connect timeout per run, not one per class.
 */
final class SshConnection implements AutoCloseable {

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

    /** How many times a connection was opened; for tests of reuse and reconnection. */
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
            } catch (IOException dropped) {
                // The server went away since the last command (restart, idle timeout): reconnect once.
                // Only starting the session is retried; a command that may have run is never repeated.
                discard(current);
                try {
                    return connected().startSession();
                } catch (IOException e) {
                    throw new ConsoleException(
                            "Cannot open an SSH session to " + where() + " after reconnecting: " + e.getMessage(), e);
                }
            }
        } catch (RuntimeException e) {
            sessions.release();
            throw e;
        }
    }

    void release() {
        sessions.release();
    }

    /** Forgets a connection that failed, so the next command reconnects. */
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
        try {
            client = connect();
            return client;
        } catch (ConsoleException e) {
            failure = e;
            throw e;
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
