package io.github.stagingtarget.console.ssh;

import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Checks the server's host key against a known_hosts file and remembers why it refused one, so the
 * connection error can say "unknown" or "changed" with the fingerprint instead of SSHJ's generic message.
 * There is deliberately no way to accept a key without checking it.
 */
final class KnownHostsVerifier implements HostKeyVerifier {

    enum Verdict {
        UNKNOWN,
        CHANGED
    }

    record Refusal(Verdict verdict, String hostPattern, PublicKey key) {}

    private final Path file;
    private final HostKeyPolicy policy;
    private final OpenSSHKnownHosts knownHosts;
    private volatile Refusal refusal;

    KnownHostsVerifier(Path file, HostKeyPolicy policy) throws IOException {
        this.file = file;
        this.policy = policy;
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new IOException("cannot read " + file);
        }
        this.knownHosts = new Checker(file);
    }

    Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        return knownHosts.verify(hostname, port, key);
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return knownHosts.findExistingAlgorithms(hostname, port);
    }

    private final class Checker extends OpenSSHKnownHosts {

        Checker(Path file) throws IOException {
            super(file.toFile());
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostPattern, PublicKey key) {
            if (policy == HostKeyPolicy.ACCEPT_NEW) {
                return record(hostPattern, key);
            }
            refusal = new Refusal(Verdict.UNKNOWN, hostPattern, key);
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostPattern, PublicKey key) {
            refusal = new Refusal(Verdict.CHANGED, hostPattern, key);
            return false;
        }
    }

    private boolean record(String hostPattern, PublicKey key) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean needsNewline = Files.exists(file)
                    && Files.size(file) > 0
                    && !Files.readString(file, StandardCharsets.UTF_8).endsWith("\n");
            Files.writeString(
                    file,
                    (needsNewline ? "\n" : "") + Fingerprints.knownHostsLine(hostPattern, key) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return true;
        } catch (IOException e) {
            // Accepting a key we cannot record would trust it silently on every later run: refuse instead.
            refusal = new Refusal(Verdict.UNKNOWN, hostPattern, key);
            return false;
        }
    }
}
