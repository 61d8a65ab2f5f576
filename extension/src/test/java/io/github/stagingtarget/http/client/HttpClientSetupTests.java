package io.github.stagingtarget.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.TargetConfigException;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.GateNginx;
import io.github.stagingtarget.testsupport.TestCertificates;
import io.github.stagingtarget.testsupport.TinyProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup against a real nginx (HTTPS with a test CA, gates) and a real tinyproxy: one message per case. */
class HttpClientSetupTests {

    static final String GATE_PASSWORD = "gate-Secret-5521";
    static final String TOKEN = "tok-Secret-8812";
    static final String PROXY_PASSWORD = "proxy-Secret-3390";
    static final Map<String, String> ENVIRONMENT = Map.of(
            "GATE_PASSWORD", GATE_PASSWORD,
            "WRONG_PASSWORD", "wrong-Secret-0001",
            "STAGING_TOKEN", TOKEN,
            "PROXY_PASSWORD", PROXY_PASSWORD,
            "P12_PASSWORD", TestCertificates.STORE_PASSWORD);
    static final String[] SECRETS = {GATE_PASSWORD, TOKEN, PROXY_PASSWORD, TestCertificates.STORE_PASSWORD};

    @TempDir
    static Path shared;

    static TestCertificates certificates;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        assumeTrue(GateNginx.available() && TinyProxy.available(), "nginx and tinyproxy are installed");
        certificates = TestCertificates.create(shared.resolve("certs"));
    }

    private HttpClientSetup setup(URI baseUrl, String http) {
        String hocon = "staging-target.targets.staging { base-url = \"" + baseUrl + "\"\n http { " + http + " } }";
        var definition = ConfigLoader.load(
                        getClass().getClassLoader(),
                        Optional.of(ConfigFiles.write(dir, hocon).toString()),
                        Map.of(),
                        ENVIRONMENT::get,
                        dir)
                .target(new TargetSelection("staging", "a test"));
        return HttpClientSetup.forTarget(ConfiguredTarget.of(definition));
    }

    private String trust() {
        return "tls.trust = [\"" + certificates.ca() + "\"]";
    }

    /** What one GET of the base URL comes to: "200", or the one message. */
    private static String outcome(HttpClientSetup setup) throws InterruptedException {
        URI url = setup.baseUri();
        try {
            HttpResponse<String> response = setup.newClient(Duration.ofSeconds(5))
                    .send(setup.request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
            return setup.explain(url, response).orElse(Integer.toString(response.statusCode()));
        } catch (IOException e) {
            return setup.explain(url, e);
        }
    }

    @Test
    void thePrivateCaIsTrustedInAdditionToTheJdksOwn() throws Exception {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()))) {
            assertThat(outcome(setup(nginx.url(), trust()))).isEqualTo("200");
            assertThat(outcome(setup(
                            nginx.url(),
                            "tls.trust-store = \"" + certificates.trustStore()
                                    + "\", tls.trust-store-password-env = P12_PASSWORD")))
                    .isEqualTo("200");
        }
        var jdk = TrustMaterial.defaultTrustManager().getAcceptedIssuers();
        assertThat(jdk).isNotEmpty();
        var settings = setup(URI.create("https://localhost/"), trust()).settings();
        assertThat(TlsContexts.trustedIssuers(settings)).hasSize(jdk.length + 1).contains(jdk);
    }

    @Test
    void anUnknownAuthorityNamesTheTrustKey() throws Exception {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()))) {
            assertThat(outcome(setup(nginx.url(), "")))
                    .isEqualTo(nginx.url() + " presents a certificate signed by an unknown authority (issuer "
                            + "CN=StagingTarget Test CA); set staging-target.targets.staging.http.tls.trust to the PEM "
                            + "file of that CA (or staging-target.targets.staging.http.tls.trust-store): it is trusted "
                            + "in addition to the JDK's CAs");
        }
    }

    @Test
    void aHostNameMismatchNamesTheBaseUrlAndIsNotSkippedByInsecure() throws Exception {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.wrongHost()))) {
            String expected = nginx.url() + " presents a certificate for other.example.invalid, not for localhost: "
                    + "set staging-target.targets.staging.base-url to a host name the certificate names, or reissue "
                    + "the certificate for localhost (staging-target.targets.staging.http.tls.insecure does not skip "
                    + "this check)";
            assertThat(outcome(setup(nginx.url(), trust()))).isEqualTo(expected);
            assertThat(outcome(setup(nginx.url(), "tls.insecure = true"))).isEqualTo(expected);
        }
    }

    @Test
    void anExpiredCertificateSaysWhenAndInsecureAcceptsIt() throws Exception {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.expired()))) {
            assertThat(outcome(setup(nginx.url(), trust())))
                    .isEqualTo(nginx.url() + " presents a certificate that expired on 2020-02-01 (CN=expired): renew "
                            + "it on the server (only for a throwaway environment: "
                            + "staging-target.targets.staging.http.tls.insecure = true stops checking certificate "
                            + "chains)");
            HttpClientSetup insecure = setup(nginx.url(), "tls.insecure = true");
            assertThat(outcome(insecure)).isEqualTo("200");
            assertThat(insecure.insecureWarning().orElseThrow())
                    .startsWith("WARNING: TLS certificate chains are NOT checked "
                            + "(staging-target.targets.staging.http.tls.insecure = true, staging-target-")
                    .endsWith("host names are still checked");
        }
    }

    @Test
    void aClientCertificateIsAskedForAndSent() throws Exception {
        GateNginx.Options options = GateNginx.https(certificates.server()).clientCertificate(certificates.ca());
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), options)) {
            assertThat(outcome(setup(nginx.url(), trust())))
                    .isEqualTo(nginx.url() + " asks for a client certificate (mutual TLS); set "
                            + "staging-target.targets.staging.http.tls.client-certificate to a PKCS#12 file with the "
                            + "client's key and certificate (its password in "
                            + "staging-target.targets.staging.http.tls.client-certificate-password-env)");
            assertThat(outcome(setup(
                            nginx.url(),
                            trust() + ", tls.client-certificate = \"" + certificates.clientP12()
                                    + "\", tls.client-certificate-password-env = P12_PASSWORD")))
                    .isEqualTo("200");
        }
    }

    @Test
    void aWrongKeyStorePasswordNamesItsVariableNotItsValue() {
        assertThatThrownBy(() -> setup(
                        URI.create("https://localhost/"),
                        "tls.client-certificate = \"" + certificates.clientP12()
                                + "\", tls.client-certificate-password-env = GATE_PASSWORD"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.http.tls.client-certificate: cannot read the "
                        + "client certificate " + certificates.clientP12() + ": the password from env GATE_PASSWORD "
                        + "does not open it")
                .message()
                .doesNotContain(SECRETS);
    }

    @Test
    void aFileThatIsNoPemIsNamed() throws IOException {
        Path notPem = Files.writeString(dir.resolve("notes.pem"), "hello");
        assertThatThrownBy(() -> setup(URI.create("https://localhost/"), "tls.trust = [\"" + notPem + "\"]"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.http.tls.trust: expected PEM files of CA "
                        + "certificates (-----BEGIN CERTIFICATE-----), but " + notPem + " is not one");
    }

    @Test
    void theBasicAuthGate() throws Exception {
        GateNginx.Options options = GateNginx.https(certificates.server()).basicAuth("staging", GATE_PASSWORD);
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), options)) {
            assertThat(outcome(setup(nginx.url(), trust())))
                    .isEqualTo(nginx.url() + " answered 401 Unauthorized: a gate asks for a user and password (Basic "
                            + "realm=\"staging\"); set staging-target.targets.staging.http.basic.user and "
                            + "staging-target.targets.staging.http.basic.password-env (the name of the environment "
                            + "variable holding the password)");
            assertThat(outcome(setup(
                            nginx.url(), trust() + ", basic { user = staging, password-env = " + "WRONG_PASSWORD }")))
                    .isEqualTo(nginx.url() + " answered 401 Unauthorized to the user 'staging' of "
                            + "staging-target.targets.staging.http.basic.user: check the password in env "
                            + "WRONG_PASSWORD (named by staging-target.targets.staging.http.basic.password-env)");
            assertThat(outcome(setup(
                            nginx.url(), trust() + ", basic { user = staging, password-env = " + "GATE_PASSWORD }")))
                    .isEqualTo("200");
        }
    }

    @Test
    void theTokenHeaderGate() throws Exception {
        GateNginx.Options options = GateNginx.https(certificates.server()).requiredHeader("X-Staging-Token", TOKEN);
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), options)) {
            assertThat(outcome(setup(nginx.url(), trust())))
                    .isEqualTo(nginx.url() + " answered 403 Forbidden: if a gate in front of the target needs a token "
                            + "header, set staging-target.targets.staging.http.headers { X-Staging-Token = "
                            + "${?STAGING_TOKEN} } with the header it expects");
            HttpClientSetup withToken =
                    setup(nginx.url(), trust() + ", headers { X-Staging-Token = ${?STAGING_TOKEN} }");
            assertThat(outcome(withToken)).isEqualTo("200");
            // Never to another origin: a third-party host a page loads gets none of the target's headers.
            assertThat(withToken.headersFor(nginx.url().resolve("/x"))).containsOnlyKeys("X-Staging-Token");
            assertThat(withToken.headersFor(nginx.ipUrl())).isEmpty();
            assertThat(withToken.headersFor(URI.create("https://cdn.example.com/app.js")))
                    .isEmpty();
        }
    }

    @Test
    void theProxyIsUsedExceptForNoProxyHosts() throws Exception {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()));
                TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"))) {
            assertThat(outcome(setup(nginx.url(), trust() + ", proxy.url = \"" + proxy.url() + "\"")))
                    .isEqualTo("200");
            assertThat(proxy.log()).contains("CONNECT localhost:" + nginx.port());
            assertThat(outcome(setup(
                            nginx.ipUrl(),
                            "tls.insecure = true, proxy { url = \"" + proxy.url()
                                    + "\", no-proxy = [\"127.0.0.1\"] }")))
                    .isEqualTo("200");
            assertThat(proxy.log()).doesNotContain("127.0.0.1:" + nginx.port());
        }
    }

    @Test
    void theProxysCredentials() throws Exception {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.plainHttp());
                TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), "tests", PROXY_PASSWORD)) {
            assertThat(outcome(setup(nginx.url(), "proxy.url = \"" + proxy.url() + "\"")))
                    .isEqualTo("the proxy " + proxy.url() + " answered 407 Proxy Authentication Required for "
                            + nginx.url() + "; set staging-target.targets.staging.http.proxy.user and "
                            + "staging-target.targets.staging.http.proxy.password-env (the name of the environment "
                            + "variable holding the proxy password)");
            assertThat(outcome(setup(
                            nginx.url(),
                            "proxy { url = \"" + proxy.url() + "\", user = tests, "
                                    + "password-env = PROXY_PASSWORD }")))
                    .isEqualTo("200");
            assertThat(outcome(setup(
                            nginx.url(),
                            "proxy { url = \"" + proxy.url() + "\", user = tests, "
                                    + "password-env = WRONG_PASSWORD }")))
                    .endsWith("If the challenge comes from the proxy (tinyproxy answers wrong proxy credentials "
                            + "with 401), check the password in env WRONG_PASSWORD (named by "
                            + "staging-target.targets.staging.http.proxy.password-env)");
        }
    }

    @Test
    void theProxysCredentialsReachItOverHttpsWithoutChangingTheJvmsSettings() throws Exception {
        assertThat(System.getProperty(FailureMessages.TUNNELING_DISABLED_SCHEMES))
                .isNull();
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()));
                TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), "tests", PROXY_PASSWORD)) {
            assertThat(outcome(setup(
                            nginx.url(),
                            trust() + ", proxy { url = \"" + proxy.url()
                                    + "\", user = tests, password-env = PROXY_PASSWORD }")))
                    .isEqualTo("200");
            assertThat(proxy.log()).contains("CONNECT localhost:" + nginx.port());
            assertThat(outcome(setup(
                            nginx.url(),
                            trust() + ", proxy { url = \"" + proxy.url()
                                    + "\", user = tests, password-env = WRONG_PASSWORD }")))
                    .isEqualTo("the proxy " + proxy.url() + " answered 407 Proxy Authentication Required to the user "
                            + "'tests' of staging-target.targets.staging.http.proxy.user: check the password in env "
                            + "WRONG_PASSWORD (named by staging-target.targets.staging.http.proxy.password-env)");
        }
        assertThat(System.getProperty(FailureMessages.TUNNELING_DISABLED_SCHEMES))
                .isNull();
    }

    @Test
    void theRelayRefusesConnectionsWithoutItsToken() throws Exception {
        TunnelRelay relay = TunnelRelay.start(new io.github.stagingtarget.config.HttpSettings.Proxy(
                URI.create("http://127.0.0.1:9"),
                java.util.List.of(),
                Optional.of("tests"),
                Optional.of(new io.github.stagingtarget.config.HttpSettings.Secret(PROXY_PASSWORD, "test"))));
        try (java.net.Socket socket = new java.net.Socket(
                relay.address().getAddress(), relay.address().getPort())) {
            socket.getOutputStream()
                    .write(("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nProxy-Authorization: "
                                    + "StagingTargetRelay guessed\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 407 ").doesNotContain(PROXY_PASSWORD);
        }
    }
}
