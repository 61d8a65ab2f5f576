package io.github.stagingtarget.console.ssh;

import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * Checks the server's host key against a known_hosts file and remembers why it refused one, so the
 * connection error can say "unknown" or "changed" with the fingerprint instead of SSHJ's generic message.
 * There is deliberately no way to accept a key without checking it.
 *
 * <p>SSHJ compares the offered key only with entries of the same key type. A host pinned with an ed25519
 * key that suddenly offers RSA would look merely unknown to it, and {@code accept-new} would record and
 * trust the RSA key: the very substitution host key checking exists to catch. So a key that matches no
 * entry of a host that has entries of any type is CHANGED, whatever the policy.
 */
final class KnownHostsVerifier implements HostKeyVerifier {

    enum Verdict {
        UNKNOWN,
        CHANGED
    }

    /** @param recorded the key types known_hosts has for the host (for CHANGED) */
    record Refusal(Verdict verdict, String hostPattern, PublicKey key, List<String> recorded) {}

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
            List<String> recorded = recordedTypes(hostPattern);
            if (!recorded.isEmpty()) {
                // Entries of other types for this host: a key of a new type is a changed key, not a new one.
                refusal = new Refusal(Verdict.CHANGED, hostPattern, key, recorded);
                return false;
            }
            if (policy == HostKeyPolicy.ACCEPT_NEW) {
                return record(hostPattern, key);
            }
            refusal = new Refusal(Verdict.UNKNOWN, hostPattern, key, List.of());
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostPattern, PublicKey key) {
            refusal = new Refusal(Verdict.CHANGED, hostPattern, key, recordedTypes(hostPattern));
            return false;
        }

        private List<String> recordedTypes(String hostPattern) {
            Set<String> types = new LinkedHashSet<>();
            for (KnownHostEntry entry : entries()) {
                try {
                    if (entry.appliesTo(hostPattern)) {
                        types.add(String.valueOf(entry.getType()));
                    }
                } catch (IOException e) {
                    // An entry SSHJ cannot match (a bad hashed host) says nothing about this host.
                }
            }
            return List.copyOf(types);
        }
    }

    private boolean record(String hostPattern, PublicKey key) {
        try {
            createPrivateDirectories(file.toAbsolutePath().getParent());
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
            refusal = new Refusal(Verdict.UNKNOWN, hostPattern, key, List.of());
            return false;
        }
    }

    /**
     * Creates the missing directories above the known_hosts file readable by the user only, as OpenSSH keeps
     * {@code ~/.ssh}; existing directories are left as they are.
     */
    private static void createPrivateDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createPrivateDirectories(dir.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
    }
}
