package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.Browser;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.GateNginx;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import io.github.stagingtarget.testsupport.TestCertificates;
import io.github.stagingtarget.testsupport.TinyProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The target's {@code http} settings reach the browser the extension starts: a local headless Chromium against
 * Debian's nginx (HTTPS with a CA made by the test, {@code auth_basic}, a required header, a client certificate)
 * and tinyproxy.
 */
class BrowserHttpTests extends BrowserKitSupport {

    static final String GATE_PASSWORD = "gate-Secret-4711";
    static final String ACCESS = "letmein-4711";

    @TempDir
    static Path certificateDir;

    static TestCertificates certificates;

    @BeforeAll
    static void certificates() {
        assumeTrue(GateNginx.available() && TinyProxy.available(), "nginx and tinyproxy are installed");
        certificates = TestCertificates.create(certificateDir);
    }

    /** A target on {@code url} with this {@code http} block and browser block; no readiness wait. */
    static String config(String url, String http, String browser) {
        return """
                STAGING_HTTP_PASSWORD = "%s"
                STAGING_PROXY_PASSWORD = "proxy-Secret-4711"
                STAGING_CLIENT_CERT_PASSWORD = "%s"
                staging-target.targets.local {
                  base-url = "%s"
                  paths { home = "/" }
                  ready.enabled = false
                  http { %s }
                  browser { %s }
                }
                """.formatted(GATE_PASSWORD, TestCertificates.STORE_PASSWORD, url, http, browser);
    }

    static String trust() {
        return trust(certificates);
    }

    static String trust(TestCertificates certificates) {
        return "tls.trust = [\"" + certificates.ca() + "\"]";
    }

    static final String GATE = "basic { user = staging, password-env = STAGING_HTTP_PASSWORD }\n"
            + "headers { X-Staging-Access = \"" + ACCESS + "\" }";

    EngineExecutionResults runOn(String url, String http, String browser) {
        return StagingTargetTestKit.run(
                ConfigFiles.write(dir, config(url, http, browser)), "local", OpensHomeTestCase.class);
    }

    static String pageText(EngineExecutionResults results) {
        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        return BrowserFixtures.reported(results, "page").get("OpensHomeTestCase#opensHome");
    }

    @Test
    void privateCaBasicAuthAndHeaderGetThroughTheGate() {
        try (GateNginx nginx = GateNginx.start(
                dir.resolve("nginx"),
                GateNginx.https(certificates.server())
                        .basicAuth("staging", GATE_PASSWORD)
                        .requiredHeader("X-Staging-Access", ACCESS))) {
            EngineExecutionResults results = StagingTargetTestKit.run(
                    ConfigFiles.write(dir, config(nginx.url().toString(), trust() + "\n" + GATE, "reuse = per-class")),
                    "local",
                    OpensHomeTwiceTestCase.class);

            // The second test reuses the browser, cleared in between: the interception outlives the reset.
            results.testEvents().assertStatistics(stats -> stats.succeeded(2));
            assertThat(BrowserFixtures.reported(results, "page"))
                    .containsOnlyKeys("OpensHomeTwiceTestCase#first", "OpensHomeTwiceTestCase#second")
                    .containsValues("ok");
            assertThat(Set.copyOf(BrowserFixtures.reported(results, "session").values()))
                    .hasSize(1);
            assertThat(nginx.accessLog()).contains("staging [").contains("\"GET / HTTP/1.1\" 200");
        }
    }

    @Test
    void withoutTheCaTheBrowserRefusesTheCertificate() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()))) {
            EngineExecutionResults results = runOn(nginx.url().toString(), "", "");

            assertThat(pageText(results)).doesNotContain("ok").contains("ERR_CERT_AUTHORITY_INVALID");
            assertThat(nginx.accessLog()).doesNotContain("GET /");
        }
    }

    @Test
    void theCaIsNotTrustedForAnotherHostName() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.wrongHost()))) {
            EngineExecutionResults results = runOn(nginx.url().toString(), trust(), "");

            assertThat(pageText(results)).contains("ERR_CERT_COMMON_NAME_INVALID");
        }
    }

    @Test
    void wrongGatePasswordShowsTheServersRefusal() {
        try (GateNginx nginx = GateNginx.start(
                dir.resolve("nginx"), GateNginx.https(certificates.server()).basicAuth("staging", "another"))) {
            EngineExecutionResults results = runOn(nginx.url().toString(), trust() + "\n" + GATE, "");

            assertThat(pageText(results)).contains("401 Authorization Required");
        }
    }

    @Test
    void headersGoToTheTargetsOriginsOnlyNotToThirdPartiesItsPagesLoad() throws IOException {
        Recorder thirdParty = Recorder.start("<p>third</p>");
        try {
            Recorder target = Recorder.start("<p id='heading'>target</p><img src='" + thirdParty.url()
                    + "pixel.png'><script src='" + thirdParty.url() + "script.js'></script>");
            try {
                EngineExecutionResults results = runOn(target.url(), GATE, "");

                assertThat(pageText(results)).contains("target");
                assertThat(target.requests).contains("/ X-Staging-Access=" + ACCESS + " Authorization=none");
                assertThat(thirdParty.requests)
                        .contains(
                                "/pixel.png X-Staging-Access=none Authorization=none",
                                "/script.js X-Staging-Access=none Authorization=none")
                        .allMatch(request -> !request.contains(ACCESS));
            } finally {
                target.close();
            }
        } finally {
            thirdParty.close();
        }
    }

    @Test
    void proxyWithCredentialsCarriesTheBrowsersRequests() {
        try (GateNginx nginx = GateNginx.start(
                        dir.resolve("nginx"),
                        GateNginx.https(certificates.server()).basicAuth("staging", GATE_PASSWORD));
                TinyProxy proxy = TinyProxy.start(dir.resolve("proxy"), "tests", "proxy-Secret-4711")) {
            EngineExecutionResults results = runOn(
                    nginx.url().toString(),
                    trust() + "\nbasic { user = staging, password-env = STAGING_HTTP_PASSWORD }\n"
                            + "proxy { url = \"" + proxy.url()
                            + "\", user = tests, password-env = STAGING_PROXY_PASSWORD }",
                    "");

            assertThat(pageText(results)).isEqualTo("ok");
            assertThat(proxy.log()).contains("CONNECT localhost:" + nginx.port());
        }
    }

    @Test
    void clientCertificateIsPresentedToTheTarget() {
        try (GateNginx nginx = GateNginx.start(
                dir.resolve("nginx"), GateNginx.https(certificates.server()).clientCertificate(certificates.ca()))) {
            EngineExecutionResults results = runOn(
                    nginx.url().toString(),
                    trust() + "\ntls { client-certificate = \"" + certificates.clientP12()
                            + "\", client-certificate-password-env = STAGING_CLIENT_CERT_PASSWORD }",
                    "");

            assertThat(pageText(results)).isEqualTo("ok");
        }
    }

    @Test
    void insecureAcceptsTheCertificateAndWarns() {
        try (GateNginx nginx = GateNginx.start(dir.resolve("nginx"), GateNginx.https(certificates.server()))) {
            EngineExecutionResults results = runOn(nginx.url().toString(), "tls.insecure = true", "");

            assertThat(pageText(results)).isEqualTo("ok");
            assertThat(BrowserFixtures.reported(results, "staging-target.browser.warning")
                            .values())
                    .singleElement()
                    .asString()
                    .startsWith("staging-target.targets.local.http.tls.insecure = true (")
                    .contains("accepts any certificate from every site it opens");
        }
    }

    @Test
    void firefoxRefusesWhatOnlyChromiumIsGivenNamingTheKeys() {
        EngineExecutionResults results = runOn("https://localhost:1/", trust() + "\n" + GATE, "name = firefox");

        Throwable failure = StagingTargetTestKit.firstFailure(results.testEvents());
        assertThat(failure)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageStartingWith("staging-target.targets.local.http.tls.trust, "
                        + "staging-target.targets.local.http.basic, staging-target.targets.local.http.headers are"
                        + " set, which StagingTarget applies to Chromium only; with browser.name = firefox (")
                .hasMessageNotContaining(GATE_PASSWORD)
                .hasMessageNotContaining(ACCESS);
    }

    @Test
    void clientCertificateOnAGridIsRefusedNamingTheKey() {
        EngineExecutionResults results = runOn(
                "https://localhost:1/",
                "tls { client-certificate = \"" + certificates.clientP12()
                        + "\", client-certificate-password-env = STAGING_CLIENT_CERT_PASSWORD }",
                "remote-url = \"http://127.0.0.1:1/\"");

        Throwable failure = StagingTargetTestKit.firstFailure(results.testEvents());
        assertThat(failure)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageMatching(
                        ".*/staging-target-[0-9]+\\.conf: 8: staging-target\\.targets\\.local\\.http\\.tls\\."
                                + "client-certificate is set, but a browser on a Selenium Grid \\(browser\\.remote-url, .*\\)"
                                + " cannot be given a client certificate: it is supported in a local Chromium only .*")
                .hasMessageNotContaining(TestCertificates.STORE_PASSWORD);
    }

    @Test
    void theDoctorsBrowserCheckAppliesTheHttpSettingsToo() {
        TargetSettings target = ConfigLoader.load(
                        getClass().getClassLoader(),
                        Optional.of(ConfigFiles.write(dir, config("https://localhost:1/", GATE, "name = firefox"))
                                .toString()),
                        Map.of(),
                        name -> null,
                        dir)
                .target(new TargetSelection("local", "a test"));

        assertThatThrownBy(() -> BrowserProbe.startAndQuit(target))
                .isInstanceOf(BrowserException.class)
                .hasMessageStartingWith(
                        "staging-target.targets.local.http.basic, "
                                + "staging-target.targets.local.http.headers are set, which StagingTarget applies to Chromium only");
    }

    @StagingTarget
    static class OpensHomeTestCase {

        @Test
        void opensHome(Browser browser, TestReporter reporter) {
            WebDriver page = browser.open("home");
            reporter.publishEntry(
                    "page", page.findElement(By.tagName("body")).getText().strip());
        }
    }

    @StagingTarget
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class OpensHomeTwiceTestCase {

        @Test
        void first(Browser browser, TestReporter reporter) {
            report(browser, reporter);
        }

        @Test
        void second(Browser browser, TestReporter reporter) {
            report(browser, reporter);
        }

        private static void report(Browser browser, TestReporter reporter) {
            WebDriver page = browser.open("home");
            reporter.publishEntry(
                    "page", page.findElement(By.tagName("body")).getText().strip());
            reporter.publishEntry("session", BrowserFixtures.sessionOf(page));
        }
    }

    /** A plain HTTP server on 127.0.0.1 that answers every path with {@code body} and records what it got. */
    static final class Recorder implements AutoCloseable {

        final List<String> requests = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        private Recorder(HttpServer server) {
            this.server = server;
        }

        static Recorder start(String body) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Recorder recorder = new Recorder(server);
            server.createContext("/", exchange -> {
                String header = exchange.getRequestHeaders().getFirst("X-Staging-Access");
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                recorder.requests.add(exchange.getRequestURI().getPath() + " X-Staging-Access="
                        + (header == null ? "none" : header) + " Authorization="
                        + (authorization == null ? "none" : authorization));
                byte[] bytes = ("<!DOCTYPE html><html><head><title>page</title></head><body>" + body + "</body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return recorder;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
