package io.github.stagingtarget.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test servers behave like the gates they stand for, seen by curl (not by the code under test). */
class GateServersTests {

    @TempDir
    static Path certificateDir;

    static TestCertificates certificates;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        assumeTrue(GateNginx.available() && TinyProxy.available(), "nginx and tinyproxy are installed");
        certificates = TestCertificates.create(certificateDir);
    }

    /** curl's HTTP status, or {@code 000} when the connection or TLS failed. */
    private static String curl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return out.trim();
    }

    @Test
    void httpsWithThePrivateCa() throws Exception {
        try (GateNginx nginx = GateNginx.start(dir, GateNginx.https(certificates.server()))) {
            assertThat(curl(
                            "--cacert",
                            certificates.ca().toString(),
                            nginx.url().toString()))
                    .isEqualTo("200");
            assertThat(curl(nginx.url().toString())).isEqualTo("000");
        }
    }

    @Test
    void expiredAndWrongHostCertificatesAreRefusedByCurl() throws Exception {
        try (GateNginx expired = GateNginx.start(dir.resolve("a"), GateNginx.https(certificates.expired()));
                GateNginx wrongHost = GateNginx.start(dir.resolve("b"), GateNginx.https(certificates.wrongHost()))) {
            assertThat(curl(
                            "--cacert",
                            certificates.ca().toString(),
                            expired.url().toString()))
                    .isEqualTo("000");
            assertThat(curl(
                            "--cacert",
                            certificates.ca().toString(),
                            wrongHost.url().toString()))
                    .isEqualTo("000");
        }
    }

    @Test
    void clientCertificateBasicAuthAndHeaderGates() throws Exception {
        GateNginx.Options options = GateNginx.https(certificates.server())
                .clientCertificate(certificates.ca())
                .basicAuth("staging", "gate-pw")
                .requiredHeader("X-Staging-Token", "tok-1");
        try (GateNginx nginx = GateNginx.start(dir, options)) {
            String ca = certificates.ca().toString();
            String url = nginx.url() + "version";
            List<String> client = List.of(
                    "--cert",
                    certificates.clientPem().toString(),
                    "--key",
                    certificates.clientKey().toString());
            assertThat(curl("--cacert", ca, url)).isEqualTo("400");
            List<String> withCert = new ArrayList<>(List.of("--cacert", ca));
            withCert.addAll(client);
            assertThat(curl(with(withCert, url))).isEqualTo("403");
            withCert.addAll(List.of("-H", "X-Staging-Token: tok-1"));
            assertThat(curl(with(withCert, url))).isEqualTo("401");
            withCert.addAll(List.of("-u", "staging:gate-pw"));
            assertThat(curl(with(withCert, url))).isEqualTo("200");
        }
    }

    @Test
    void theProxyTunnelsAndAsksForCredentials() throws Exception {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()));
                TinyProxy open = TinyProxy.start(dir.resolve("open"));
                TinyProxy gated = TinyProxy.start(dir.resolve("gated"), "tests", "proxy-pw")) {
            String ca = certificates.ca().toString();
            assertThat(curl(
                            "--cacert",
                            ca,
                            "-x",
                            open.url().toString(),
                            nginx.url().toString()))
                    .isEqualTo("200");
            assertThat(open.log()).contains("CONNECT");
            assertThat(curl("-x", gated.url().toString(), "http://127.0.0.1:" + nginx.port() + "/"))
                    .isEqualTo("407");
            assertThat(curl(
                            "--cacert",
                            ca,
                            "-x",
                            gated.url().toString(),
                            "--proxy-user",
                            "tests:proxy-pw",
                            nginx.url().toString()))
                    .isEqualTo("200");
        }
    }

    private static String[] with(List<String> arguments, String url) {
        List<String> all = new ArrayList<>(arguments);
        all.add(url);
        return all.toArray(String[]::new);
    }
}
