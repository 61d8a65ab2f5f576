package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.StagingTargetTestKit.assertOneContainerFailed;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.firstFailure;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.http.TargetCheckException;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.GateNginx;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import io.github.stagingtarget.testsupport.TestCertificates;
import io.github.stagingtarget.testsupport.TinyProxy;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A remote target behind HTTPS with a private CA, mutual TLS, basic auth, a token header and a proxy, all
 * real (nginx, tinyproxy): the readiness probe, the version gate and the injected REST Assured spec go
 * through the one HTTP setup, and each failure is one message naming the key to set, without a secret.
 */
class HttpsTargetTests {

    @TempDir
    static Path shared;

    static TestCertificates certificates;
    static String gatePassword;
    static String token;
    static String proxyPassword;

    /** Where {@link OtherOriginTestCase} sends a request: another origin of the same server. */
    static volatile URI otherOrigin;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        assumeTrue(GateNginx.available() && TinyProxy.available(), "nginx and tinyproxy are installed");
        gatePassword = environment("STAGINGTARGET_TEST_GATE_PASSWORD");
        token = environment("STAGINGTARGET_TEST_TOKEN");
        proxyPassword = environment("STAGINGTARGET_TEST_PROXY_PASSWORD");
        assumeTrue(TestCertificates.STORE_PASSWORD.equals(System.getenv("STAGINGTARGET_TEST_P12_PASSWORD")));
        certificates = TestCertificates.create(shared.resolve("certs"));
    }

    private static String environment(String name) {
        String value = System.getenv(name);
        assumeTrue(value != null, name + " is set (extension/pom.xml sets it for Surefire)");
        return value;
    }

    private String[] secrets() {
        return new String[] {gatePassword, token, proxyPassword, TestCertificates.STORE_PASSWORD};
    }

    private Path config(URI baseUrl, String extra) {
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "%s"
                  ready { path = "/", timeout = 20s, interval = 100ms }
                  %s
                }
                """.formatted(baseUrl, extra));
    }

    private static String trust() {
        return "http.tls.trust = [\"" + certificates.ca() + "\"]\n";
    }

    private static String clientCertificate() {
        return "http.tls { client-certificate = \"" + certificates.clientP12()
                + "\", client-certificate-password-env = STAGINGTARGET_TEST_P12_PASSWORD }\n";
    }

    private static String basicAuth() {
        return "http.basic { user = staging, password-env = STAGINGTARGET_TEST_GATE_PASSWORD }\n";
    }

    private static String tokenHeader() {
        return "http.headers { X-Staging-Token = ${?STAGINGTARGET_TEST_TOKEN} }\n";
    }

    private GateNginx.Options allGates() {
        return GateNginx.https(certificates.server())
                .clientCertificate(certificates.ca())
                .basicAuth("staging", gatePassword)
                .requiredHeader("X-Staging-Token", token)
                .version("2.4.1");
    }

    @Test
    void readinessVersionAndRestAssuredPassEveryGateThroughTheProxy() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), allGates());
                TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"))) {
            Path config = config(
                    nginx.url(),
                    trust() + clientCertificate() + basicAuth() + tokenHeader() + "http.proxy.url = \"" + proxy.url()
                            + "\"\nversion { path = \"/version\", expected = \"2.4.1\" }");

            run(config, "staging", VersionTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));

            assertThat(proxy.log()).contains("CONNECT localhost:" + nginx.port());
        }
    }

    @Test
    void everyClientAnswersTheProxysCredentialsOverHttps() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), allGates());
                TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), "tests", proxyPassword)) {
            // Readiness and the version gate (the JDK's client, through the relay) and REST Assured (Apache's).
            Path config = config(
                    nginx.url(),
                    trust() + clientCertificate() + basicAuth() + tokenHeader()
                            + "version { path = \"/version\", expected = \"2.4.1\" }\n"
                            + "http.proxy { url = \"" + proxy.url() + "\", user = tests, "
                            + "password-env = STAGINGTARGET_TEST_PROXY_PASSWORD }");

            run(config, "staging", VersionTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));

            assertThat(proxy.log()).contains("CONNECT localhost:" + nginx.port());
        }
    }

    @Test
    void theTargetsHeadersAndCredentialsStayOnItsOwnOrigin() {
        GateNginx.Options options = GateNginx.https(certificates.server()).requiredHeader("X-Staging-Token", token);
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), options)) {
            otherOrigin = nginx.ipUrl();
            Path config = config(nginx.url(), trust() + tokenHeader() + basicAuth());

            EngineExecutionResults results = run(config, "staging", OtherOriginTestCase.class);
            assertThat(results.testEvents().failed().stream().map(e -> firstFailure(results.testEvents())))
                    .isEmpty();
            results.testEvents().assertStatistics(s -> s.succeeded(1));

            // localhost got the header and basic auth (nginx logs its user); 127.0.0.1, another origin, neither.
            List<String> lines = nginx.accessLog().lines().toList();
            assertThat(lines)
                    .filteredOn(line -> line.contains("GET /version HTTP/1.1\" 200 "))
                    .singleElement()
                    .asString()
                    .contains(" - staging [");
            assertThat(lines)
                    .filteredOn(line -> line.contains("GET /version HTTP/1.1\" 403 "))
                    .singleElement()
                    .asString()
                    .contains(" - - [");
        }
    }

    static Stream<Arguments> failures() {
        String key = "staging-target.targets.staging.http.";
        return Stream.of(
                Arguments.of(
                        "unknown authority",
                        (Function<GateNginx.Options, GateNginx.Options>) o -> o,
                        "",
                        " presents a certificate signed by an unknown authority (issuer CN=StagingTarget Test CA); set "
                                + key + "tls.trust to the PEM file of that CA"),
                Arguments.of(
                        "host name mismatch",
                        (Function<GateNginx.Options, GateNginx.Options>) o -> GateNginx.https(certificates.wrongHost()),
                        trust(),
                        " presents a certificate for other.example.invalid, not for localhost: set "
                                + "staging-target.targets.staging.base-url to a host name the certificate names"),
                Arguments.of(
                        "expired",
                        (Function<GateNginx.Options, GateNginx.Options>) o -> GateNginx.https(certificates.expired()),
                        trust(),
                        " presents a certificate that expired on 2020-02-01 (CN=expired): renew it on the server"),
                Arguments.of(
                        "client certificate required",
                        (Function<GateNginx.Options, GateNginx.Options>) o -> o.clientCertificate(certificates.ca()),
                        trust(),
                        " asks for a client certificate (mutual TLS); set " + key + "tls.client-certificate"),
                Arguments.of(
                        "basic auth",
                        (Function<GateNginx.Options, GateNginx.Options>) o -> o.basicAuth("staging", "x"),
                        trust(),
                        " answered 401 Unauthorized: a gate asks for a user and password (Basic realm=\"staging\"); "
                                + "set " + key + "basic.user and " + key + "basic.password-env"),
                Arguments.of(
                        "token header",
                        (Function<GateNginx.Options, GateNginx.Options>) o -> o.requiredHeader("X-Staging-Token", "x"),
                        trust(),
                        " answered 403 Forbidden: if a gate in front of the target needs a token header, set " + key
                                + "headers { X-Staging-Token = ${?STAGING_TOKEN} }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void eachFailureIsOneMessageNamingTheKeyAndComesAtOnce(
            String name, Function<GateNginx.Options, GateNginx.Options> gate, String settings, String expected) {
        try (GateNginx nginx =
                GateNginx.start(dir.resolve("nginx"), gate.apply(GateNginx.https(certificates.server())))) {
            long start = System.nanoTime();
            EngineExecutionResults results = run(config(nginx.url(), settings), "staging", VersionTestCase.class);

            assertOneContainerFailed(
                    results,
                    message(m -> m.startsWith("Target 'staging' is not ready: " + nginx.url() + expected)
                            && List.of(secrets()).stream().noneMatch(m::contains)));
            // Not after ready.timeout (20 s): waiting does not fix a setting.
            assertThat((System.nanoTime() - start) / 1_000_000_000).isLessThan(10);
        }
    }

    @Test
    void theProxysDemandForCredentialsNamesItsKeys() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()));
                TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), "tests", proxyPassword)) {
            Path config = config(nginx.url(), trust() + "http.proxy.url = \"" + proxy.url() + "\"");

            assertOneContainerFailed(
                    run(config, "staging", VersionTestCase.class),
                    message("Target 'staging' is not ready: the proxy " + proxy.url() + " answered 407 Proxy "
                            + "Authentication Required for " + nginx.url() + "; set "
                            + "staging-target.targets.staging.http.proxy.user and "
                            + "staging-target.targets.staging.http.proxy.password-env (the name of the environment "
                            + "variable holding the proxy password)"));
        }
    }

    @Test
    void theVersionGateNamesTheGatesKeys() {
        GateNginx.Options options = GateNginx.https(certificates.server()).basicAuth("staging", gatePassword);
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), options)) {
            Path config = config(
                    nginx.url(),
                    trust() + "ready.enabled = false\nversion { path = \"/version\", expected = \"2.4.1\" }\n"
                            + "http.basic { user = staging, password-env = STAGINGTARGET_TEST_TOKEN }");

            assertOneContainerFailed(
                    run(config, "staging", VersionTestCase.class),
                    message(m -> m.equals("Target 'staging' did not answer its version: " + nginx.url() + "version "
                                    + "answered 401 Unauthorized to the user 'staging' of "
                                    + "staging-target.targets.staging.http.basic.user: check the password in env "
                                    + "STAGINGTARGET_TEST_TOKEN (named by "
                                    + "staging-target.targets.staging.http.basic.password-env)")
                            && List.of(secrets()).stream().noneMatch(m::contains)));
        }
    }

    @Test
    void restAssuredSaysWhichKeyToSetWhenTheCaIsUnknown() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()))) {
            Path config = config(nginx.url(), "ready.enabled = false");

            Throwable failure =
                    firstFailure(run(config, "staging", VersionTestCase.class).testEvents());

            assertThat(failure)
                    .isInstanceOf(TargetCheckException.class)
                    .hasMessage(nginx.url() + "version presents a certificate signed by an unknown authority (issuer "
                            + "CN=StagingTarget Test CA); set staging-target.targets.staging.http.tls.trust to the PEM "
                            + "file of that CA (or staging-target.targets.staging.http.tls.trust-store): it is trusted "
                            + "in addition to the JDK's CAs");
        }
    }

    @Test
    void insecureIsAWarningInTheRunHeaderAndStillChecksHostNames() {
        try (GateNginx expired = GateNginx.start(dir.resolve("expired"), GateNginx.https(certificates.expired()))) {
            EngineExecutionResults results =
                    run(config(expired.url(), "http.tls.insecure = true"), "staging", VersionTestCase.class);

            results.testEvents().assertStatistics(s -> s.succeeded(1));
            assertThat(headers(results))
                    .singleElement()
                    .asString()
                    .contains(" · WARNING: TLS certificate chains are NOT checked "
                            + "(staging-target.targets.staging.http.tls.insecure = true, staging-target-")
                    .contains(
                            "any CA, self-signed or expired certificate is accepted; host names are still checked · ");
        }
    }

    private static List<String> headers(EngineExecutionResults results) {
        return StagingTargetTestKit.reportEntries(results).stream()
                .map(Map.Entry::getValue)
                .filter(value -> value.startsWith("target '"))
                .toList();
    }

    @StagingTarget
    static class VersionTestCase {
        @org.junit.jupiter.api.Test
        void version(RequestSpecification spec) {
            String body = spec.get("/version").then().statusCode(200).extract().asString();
            assertThat(body.trim()).matches("\\d+\\.\\d+\\.\\d+");
        }
    }

    @StagingTarget
    static class OtherOriginTestCase {
        @org.junit.jupiter.api.Test
        void requests(RequestSpecification spec) {
            spec.get("/version").then().statusCode(200);
            spec.get(otherOrigin + "version").then().statusCode(403);
        }
    }

    /** What {@link LoggingTestCase} logged. */
    static final java.io.ByteArrayOutputStream requestLog = new java.io.ByteArrayOutputStream();

    @Test
    void restAssuredsRequestLogHidesTheGatesCredentialsAndHeaders() {
        GateNginx.Options options = GateNginx.https(certificates.server())
                .basicAuth("staging", gatePassword)
                .requiredHeader("X-Staging-Token", token);
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), options)) {
            Path config = config(nginx.url(), trust() + basicAuth() + tokenHeader() + "ready.enabled = false");

            run(config, "staging", LoggingTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));

            String log = requestLog.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(log)
                    .contains("Authorization=[ BLACKLISTED ]")
                    .contains("X-Staging-Token=[ BLACKLISTED ]")
                    .doesNotContain(secrets())
                    .doesNotContain(java.util.Base64.getEncoder()
                            .encodeToString(
                                    ("staging:" + gatePassword).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @StagingTarget
    static class LoggingTestCase {
        @org.junit.jupiter.api.Test
        void logs(RequestSpecification spec) {
            // log().all() as a test writes it, into a stream of ours: the configuration is StagingTarget's.
            var config = ((io.restassured.specification.FilterableRequestSpecification) spec).getConfig();
            spec.config(config.logConfig(config.getLogConfig()
                            .defaultStream(new java.io.PrintStream(
                                    requestLog, true, java.nio.charset.StandardCharsets.UTF_8))))
                    .log()
                    .all()
                    .get("/version")
                    .then()
                    .statusCode(200);
        }
    }
}
