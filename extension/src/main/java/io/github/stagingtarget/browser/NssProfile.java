package io.github.stagingtarget.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A home directory of the browser's own, holding an NSS database ({@code ~/.pki/nssdb}) in which the
 * target's CA certificates are trust anchors for TLS servers and its client certificate is a user
 * certificate. Chromium on Linux reads both from there, so a local Chromium started with this {@code HOME}
 * trusts the private CA like a public one: chain, host name and expiry are still checked, and no other
 * site's certificate checks change. Made with NSS's own tools ({@code certutil}, {@code pk12util}; Debian
 * package {@code libnss3-tools}); deleted on {@link #close()}.
 */
final class NssProfile implements AutoCloseable {

    /** A PKCS#12 file and its password, for mutual TLS. */
    record ClientCertificate(Path file, String password, String key) {
        @Override
        public String toString() {
            return "ClientCertificate[" + file + ", ****]";
        }
    }

    static final String INSTALL = "Debian/Ubuntu: apt-get install libnss3-tools";

    private static final long TOOL_TIMEOUT_SECONDS = 30;

    private final Path home;

    private NssProfile(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    /** The browser process's environment additions. */
    Map<String, String> environment() {
        return Map.of("HOME", home.toString());
    }

    /**
     * Creates the directory and database.
     *
     * @param trustKey the setting the CAs come from, for messages
     * @throws BrowserException naming the tool and its package when NSS's tools are missing, or the failure
     */
    static NssProfile create(
            ExecutableFinder finder,
            List<X509Certificate> trusted,
            String trustKey,
            Optional<ClientCertificate> client) {
        Path certutil = tool(finder, "certutil", trustKey);
        Optional<Path> pk12util = client.map(c -> tool(finder, "pk12util", c.key()));
        Path home;
        try {
            home = Files.createTempDirectory(
                    "staging-target-browser-home-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new BrowserException("Could not create a home directory for the browser's certificates: " + e, e);
        }
        NssProfile profile = new NssProfile(home);
        try {
            Path database = Files.createDirectories(home.resolve(".pki/nssdb"));
            String db = "sql:" + database;
            run(List.of(certutil.toString(), "-N", "-d", db, "--empty-password"), trustKey);
            int n = 0;
            for (X509Certificate certificate : trusted) {
                Path der = home.resolve("ca-" + n + ".der");
                Files.write(der, certificate.getEncoded());
                // C: a trusted CA for TLS servers; nothing for e-mail or code signing.
                run(
                        List.of(
                                certutil.toString(),
                                "-A",
                                "-d",
                                db,
                                "-n",
                                "staging-target-ca-" + n,
                                "-t",
                                "C,,",
                                "-i",
                                der.toString()),
                        trustKey);
                Files.delete(der);
                n++;
            }
            if (client.isPresent()) {
                // The password goes through a file only the owner can read, never on a command line (ps shows those).
                Path passwordFile = home.resolve("client.pw");
                Files.createFile(
                        passwordFile,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(passwordFile, client.get().password(), StandardCharsets.UTF_8);
                try {
                    run(
                            List.of(
                                    pk12util.orElseThrow().toString(),
                                    "-i",
                                    client.get().file().toString(),
                                    "-d",
                                    db,
                                    "-w",
                                    passwordFile.toString()),
                            client.get().key());
                } finally {
                    Files.deleteIfExists(passwordFile);
                }
            }
            return profile;
        } catch (IOException | CertificateEncodingException | RuntimeException e) {
            profile.close();
            if (e instanceof BrowserException browser) {
                throw browser;
            }
            throw new BrowserException(
                    "Could not prepare the browser's certificate database for " + trustKey + ": " + e, e);
        }
    }

    private static Path tool(ExecutableFinder finder, String name, String key) {
        return finder.find(List.of(name))
                .orElseThrow(() -> new BrowserException(key
                        + " is set, and a local Chromium learns certificates from an"
                        + " NSS database, which needs NSS's " + name + " on " + finder.describe() + ": install it ("
                        + INSTALL + ")."));
    }

    private static void run(List<String> command, String key) throws IOException {
        // Output goes to a file, not a pipe read to its end first: a tool that blocks (pk12util asking for a
        // password on the terminal) must still be stopped by the timeout below.
        Path log = Files.createTempFile("staging-target-nss-tool", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            try {
                if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new BrowserException(Path.of(command.get(0)).getFileName() + " did not finish in "
                            + TOOL_TIMEOUT_SECONDS + " s while preparing the browser's certificates for " + key + ".");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new BrowserException("Interrupted while preparing the browser's certificates for " + key, e);
            }
            if (process.exitValue() != 0) {
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new BrowserException("Could not load " + key + " into the browser's certificate database: "
                        + Path.of(command.get(0)).getFileName() + " exited with " + process.exitValue() + ": "
                        + output.lines().reduce((first, second) -> second).orElse("") + ".");
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Override
    public void close() {
        if (!Files.exists(home)) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            List<Path> all =
                    new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the browser's home directory " + home, e);
        }
    }
}
