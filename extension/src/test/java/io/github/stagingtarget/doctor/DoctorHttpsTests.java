package io.github.stagingtarget.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.GateNginx;
import io.github.stagingtarget.testsupport.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's TLS and gate checks against a real nginx with a test CA. */
class DoctorHttpsTests {

    private static final String GATE_PASSWORD = "gate-Doctor-Secret-9";
    private static final String TOKEN = "tok-Doctor-Secret-7";
    private static final Map<String, String> ENVIRONMENT =
            Map.of("GATE_PASSWORD", GATE_PASSWORD, "STAGING_TOKEN", TOKEN);

    @TempDir
    static Path shared;

    static TestCertificates certificates;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeAll
    static void certificates() {
        assumeTrue(GateNginx.available(), "nginx is installed");
        certificates = TestCertificates.create(shared.resolve("certs"));
    }

    private String doctor(URI baseUrl, String http) {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "%s"
                  browser.binary = "/nonexistent/chromium"
                  %s
                }
                """.formatted(baseUrl, http));
        Doctor.Environment env =
                new Doctor.Environment(Map.of(), ENVIRONMENT::get, getClass().getClassLoader(), dir);
        new Doctor(new PrintStream(output, true, StandardCharsets.UTF_8), env)
                .run(new String[] {"--config", config.toString(), "--target", "staging"});
        String out = output.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain(GATE_PASSWORD, TOKEN);
        return out;
    }

    private static String trust() {
        return "http.tls.trust = [\"" + certificates.ca() + "\"]\n";
    }

    @Test
    void aCertificateExpiringWithinTwoWeeksIsAWarningAndThePassedGateIsNamed() {
        GateNginx.Options options = GateNginx.https(certificates.expiringSoon())
                .basicAuth("staging", GATE_PASSWORD)
                .requiredHeader("X-Staging-Token", TOKEN);
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), options)) {
            String out = doctor(
                    nginx.url(),
                    trust() + "http.basic { user = staging, password-env = GATE_PASSWORD }\n"
                            + "http.headers { X-Staging-Token = ${?STAGING_TOKEN} }");

            assertThat(out)
                    .containsPattern("\\[ OK \\] ready +" + nginx.url() + " answered in \\d+ ms")
                    .containsPattern("\\[WARN\\] tls +CN=soon issued by CN=StagingTarget Test CA: chain trusted, host "
                            + "name matches, expires \\d{4}-\\d\\d-\\d\\d \\(in [45] days\\)\n"
                            + " +hint: renew the server's certificate: it expires in less than 14 days")
                    .contains("[ OK ] gate           HTTP 200 with basic auth as 'staging', headers X-Staging-Token")
                    // The header's value is masked in the settings, its origin shown.
                    .contains("staging-target.targets.staging.http.headers.X-Staging-Token = ****    # env "
                            + "STAGING_TOKEN");
        }
    }

    @Test
    void aValidCertificateIsOk() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()))) {
            assertThat(doctor(nginx.url(), trust()))
                    .containsPattern("\\[ OK \\] tls +CN=server issued by CN=StagingTarget Test CA: chain trusted, "
                            + "host name matches, expires \\d{4}-\\d\\d-\\d\\d \\(in (29|30) days\\)")
                    .contains("[ OK ] gate           HTTP 200 (no gate configured)");
        }
    }

    @Test
    void anUnknownAuthorityFailsTheTlsCheckNamingTheKey() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()))) {
            assertThat(doctor(nginx.url(), ""))
                    .contains("[FAIL] tls            " + nginx.url() + " presents a certificate signed by an unknown "
                            + "authority (issuer CN=StagingTarget Test CA); set "
                            + "staging-target.targets.staging.http.tls.trust to the PEM file of that CA")
                    .contains("hint: set the key named above");
        }
    }

    @Test
    void aGateWithoutCredentialsFailsTheGateCheck() {
        GateNginx.Options options = GateNginx.https(certificates.server()).basicAuth("staging", GATE_PASSWORD);
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), options)) {
            assertThat(doctor(nginx.url(), trust()))
                    .contains("[FAIL] gate           " + nginx.url() + " answered 401 Unauthorized: a gate asks for a "
                            + "user and password (Basic realm=\"staging\"); set "
                            + "staging-target.targets.staging.http.basic.user");
        }
    }

    @Test
    void insecureIsAWarning() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.expired()))) {
            assertThat(doctor(nginx.url(), "http.tls.insecure = true"))
                    .contains("[WARN] tls insecure   WARNING: TLS certificate chains are NOT checked "
                            + "(staging-target.targets.staging.http.tls.insecure = true, staging-target-")
                    .contains("hint: trust the server's CA with http.tls.trust instead")
                    .containsPattern("\\[WARN\\] tls +CN=expired issued by CN=StagingTarget Test CA: chain NOT checked "
                            + "\\(staging-target.targets.staging.http.tls.insecure = true\\), host name matches, "
                            + "expired 2020-02-01");
        }
    }
}
