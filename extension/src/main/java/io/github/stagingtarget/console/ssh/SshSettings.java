package io.github.stagingtarget.console.ssh;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How to reach a target's server over SSH, as configured in its {@code ssh} block (see
 * {@code docs/console.md}). Secrets are not here: only the names of the environment variables that hold
 * them.
 *
 * <pre>{@code
 * new SshSettings("staging", "staging.example.com", 22, "deploy",
 *         Optional.of(Path.of("/home/me/.ssh/id_ed25519")), Optional.of("STAGING_SSH_PASSPHRASE"), Optional.empty(),
 *         Path.of("/home/me/.ssh/known_hosts"), HostKeyPolicy.STRICT, Duration.ofSeconds(10),
 *         Duration.ofSeconds(30), Duration.ofSeconds(15), 8, "staging-target.conf: 12");
 * }</pre>
 *
 * @param target the target's name, for messages
 * @param identity private key file (OpenSSH format, e.g. ed25519)
 * @param passphraseEnv environment variable holding the key's passphrase
 * @param passwordEnv environment variable holding the login password
 * @param readTimeout socket read timeout of the transport
 * @param keepalive interval of keepalive requests; the connection is dropped after a few unanswered ones
 * @param maxSessions how many commands may run at once on the connection (OpenSSH's MaxSessions is 10)
 * @param origin where the block was configured, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record SshSettings(
        String target,
        String host,
        int port,
        String user,
        Optional<Path> identity,
        Optional<String> passphraseEnv,
        Optional<String> passwordEnv,
        Path knownHosts,
        HostKeyPolicy hostKeyPolicy,
        Duration connectTimeout,
        Duration readTimeout,
        Duration keepalive,
        int maxSessions,
        String origin) {

    /** What to do with a server whose host key is not in the known_hosts file. A changed key is always refused. */
    @API(status = INTERNAL, since = "0.1")
    public enum HostKeyPolicy {
        /** Refuse it, showing its fingerprint and how to trust it (the default). */
        STRICT,
        /** Trust it and record it in the known_hosts file, like OpenSSH's {@code StrictHostKeyChecking=accept-new}. */
        ACCEPT_NEW
    }

    /** {@code user@host:port}, for messages. */
    public String address() {
        return user + "@" + host + ":" + port;
    }
}
