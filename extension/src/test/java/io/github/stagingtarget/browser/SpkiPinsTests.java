package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.testsupport.GateNginx;
import io.github.stagingtarget.testsupport.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys a browser on a Grid is told to accept: only a server certificate verified here first. */
class SpkiPinsTests {

    @TempDir
    static Path certificateDir;

    static TestCertificates certificates;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        assumeTrue(GateNginx.available(), "nginx is installed");
        certificates = TestCertificates.create(certificateDir);
    }

    @Test
    void hashIsWhatChromiumExpectsAsOpensslComputesIt() throws Exception {
        String openssl = shell("openssl x509 -in '" + certificates.server().certificate()
                + "' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64");

        assertThat(SpkiPins.hash(read(certificates.server().certificate()))).isEqualTo(openssl);
        assertThat(SpkiPins.argument(
                        java.util.List.of(read(certificates.server().certificate()))))
                .contains("--ignore-certificate-errors-spki-list=" + openssl);
    }

    @Test
    void theServersCertificateIsFetchedOnlyWhenTheCaAndHostNameCheckOut() throws Exception {
        try (GateNginx good = GateNginx.start(dir.resolve("good"), GateNginx.https(certificates.server()));
                GateNginx wrongHost =
                        GateNginx.start(dir.resolve("wrong"), GateNginx.https(certificates.wrongHost()))) {
            X509Certificate fetched = SpkiPins.serverCertificate(
                    good.url(), trusting(certificates.ca()), Optional.empty(), Optional.empty());
            assertThat(fetched).isEqualTo(read(certificates.server().certificate()));

            assertThatThrownBy(() -> SpkiPins.serverCertificate(
                            wrongHost.url(), trusting(certificates.ca()), Optional.empty(), Optional.empty()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("localhost");
            assertThatThrownBy(() -> SpkiPins.serverCertificate(
                            good.url(), SSLContext.getDefault(), Optional.empty(), Optional.empty()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", read(ca));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String shell(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", script).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return out;
    }
}
