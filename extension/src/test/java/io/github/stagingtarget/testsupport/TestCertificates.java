package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and certificates signed by it, made with Debian's {@code openssl} in a directory of the test's
 * own: what a staging server with an internal CA looks like. EC P-256 keys, so that making them takes a few
 * hundred milliseconds.
 *
 * <ul>
 *   <li>{@link #ca()}: the CA certificate (PEM), what {@code http.tls.trust} names;
 *   <li>{@link #trustStore()}: the same CA in a PKCS#12 trust store, password {@link #STORE_PASSWORD};
 *   <li>{@link #server()}: for {@code localhost} and {@code 127.0.0.1}, valid 30 days;
 *   <li>{@link #expired()}: the same names, expired in 2020; {@link #expiringSoon()}: valid 5 more days;
 *   <li>{@link #wrongHost()}: for {@code other.example.invalid} only (a hostname mismatch on localhost);
 *   <li>{@link #clientP12()}: a client key and certificate (PKCS#12, password {@link #STORE_PASSWORD}) for
 *       mutual TLS; {@link #clientPem()} / {@link #clientKey()} as PEM.
 * </ul>
 */
public final class TestCertificates {

    /** The password of the trust store and the client's PKCS#12 file; tests pass it in an environment variable. */
    public static final String STORE_PASSWORD = "p12-Secret-4711";

    /** A certificate and its private key, both PEM. */
    public record Pair(Path certificate, Path key) {}

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            TestCertificates certificates = new TestCertificates(dir);
            certificates.make();
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path ca() {
        return dir.resolve("ca.pem");
    }

    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    public Pair server() {
        return pair("server");
    }

    public Pair expired() {
        return pair("expired");
    }

    public Pair expiringSoon() {
        return pair("soon");
    }

    public Pair wrongHost() {
        return pair("wrong-host");
    }

    public Path clientP12() {
        return dir.resolve("client.p12");
    }

    public Path clientPem() {
        return dir.resolve("client.pem");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    public Path directory() {
        return dir;
    }

    private Pair pair(String name) {
        return new Pair(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
    }

    private void make() throws IOException {
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("index.txt.attr"), "unique_subject = no\n");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(
                dir.resolve("ca.cnf"),
                String.join(
                        "\n",
                        "[ ca ]",
                        "default_ca = test_ca",
                        "[ test_ca ]",
                        "database = " + dir.resolve("index.txt"),
                        "new_certs_dir = " + dir,
                        "serial = " + dir.resolve("serial"),
                        "default_md = sha256",
                        "policy = any",
                        "copy_extensions = none",
                        "unique_subject = no",
                        "[ any ]",
                        "commonName = supplied",
                        ""));
        requestWithNewKey(
                "-x509",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "60",
                "-subj",
                "/CN=StagingTarget Test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        String localhost = "DNS:localhost,IP:127.0.0.1";
        sign("server", localhost, "serverAuth", null, null, 30);
        sign("soon", localhost, "serverAuth", null, null, 5);
        sign("expired", localhost, "serverAuth", "20200101000000Z", "20200201000000Z", 0);
        sign("wrong-host", "DNS:other.example.invalid", "serverAuth", null, null, 30);
        sign("client", null, "clientAuth", null, null, 30);
        openssl(
                "pkcs12",
                "-export",
                "-in",
                "client.pem",
                "-inkey",
                "client.key",
                "-certfile",
                "ca.pem",
                "-name",
                "tests",
                "-out",
                "client.p12",
                "-passout",
                "pass:" + STORE_PASSWORD);
        writeTrustStore();
    }

    private void sign(String name, String altNames, String usage, String start, String end, int days)
            throws IOException {
        requestWithNewKey("-new", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        List<String> extensions = new ArrayList<>(
                List.of("basicConstraints = CA:FALSE", "keyUsage = digitalSignature", "extendedKeyUsage = " + usage));
        if (altNames != null) {
            extensions.add("subjectAltName = " + altNames);
        }
        Files.writeString(dir.resolve(name + ".ext"), String.join("\n", extensions) + "\n");
        List<String> command = new ArrayList<>(List.of(
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-cert",
                "ca.pem",
                "-keyfile",
                "ca.key",
                "-in",
                name + ".csr",
                "-out",
                name + ".pem",
                "-notext",
                "-extfile",
                name + ".ext"));
        if (start != null) {
            command.addAll(List.of("-startdate", start, "-enddate", end));
        } else {
            command.addAll(List.of("-days", Integer.toString(days)));
        }
        openssl(command.toArray(String[]::new));
    }

    private void writeTrustStore() throws IOException {
        try (InputStream in = Files.newInputStream(ca());
                OutputStream out = Files.newOutputStream(trustStore())) {
            X509Certificate certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("staging-ca", certificate);
            store.store(out, STORE_PASSWORD.toCharArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code openssl req MODE} with a new unencrypted P-256 key written to {@code keyFile}. */
    private void requestWithNewKey(String mode, String keyFile, String... rest) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "req",
                mode,
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                keyFile));
        command.addAll(List.of(rest));
        openssl(command.toArray(String[]::new));
    }

    private void openssl(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
