package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.GateNginx;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import io.github.stagingtarget.testsupport.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The same fixtures through {@code browser.remote-url} on a Selenium Grid. Runs only when the system
 * property {@code stagingtarget.grid-url} names a running grid (CI starts one with
 * {@code .ci/selenium-grid.sh start}).
 */
@EnabledIfSystemProperty(
        named = GridBrowserTests.GRID_URL,
        matches = "https?://.+",
        disabledReason = "no Selenium Grid: start one with `.ci/selenium-grid.sh start` and run with "
                + "-Dstagingtarget.grid-url=http://127.0.0.1:4444")
class GridBrowserTests extends BrowserKitSupport {

    static final String GRID_URL = "stagingtarget.grid-url";

    private static String grid() {
        return System.getProperty(GRID_URL);
    }

    @Test
    void reusedRemoteBrowserIsClearedBetweenTestsAndQuitAfterTheClass() throws Exception {
        // The binary is a path on the grid's node; the grid runs on this machine here.
        EngineExecutionResults results = run(
                "reuse = per-class, remote-url = \"" + grid() + "\", binary = \"/usr/bin/chromium\"",
                BrowserStateTests.StateTestCase.class);

        BrowserStateTests.assertStartedClean(results);
        assertThat(gridStatus())
                .as("the grid's status after the run")
                .contains("\"ready\": true")
                .doesNotContain("\"sessionId\"");
    }

    @Test
    void targetsHttpSettingsReachTheBrowserOnTheGrid() {
        TestCertificates certificates = TestCertificates.create(dir.resolve("certificates"));
        try (GateNginx nginx = GateNginx.start(
                dir.resolve("nginx"),
                GateNginx.https(certificates.server())
                        .basicAuth("staging", BrowserHttpTests.GATE_PASSWORD)
                        .requiredHeader("X-Staging-Access", BrowserHttpTests.ACCESS))) {
            // The private CA through pinned server keys, the gate and the header through the Grid's DevTools
            // (se:cdp). --no-sandbox: a Grid started by root (a developer's machine) needs it; others ignore it.
            EngineExecutionResults results = StagingTargetTestKit.run(
                    ConfigFiles.write(
                            dir,
                            BrowserHttpTests.config(
                                    nginx.url().toString(),
                                    BrowserHttpTests.trust(certificates) + "\n" + BrowserHttpTests.GATE,
                                    "remote-url = \"" + grid() + "\", binary = \"/usr/bin/chromium\","
                                            + " arguments = [\"--no-sandbox\"]")),
                    "local",
                    BrowserHttpTests.OpensHomeTestCase.class);

            assertThat(BrowserHttpTests.pageText(results)).isEqualTo("ok");
            assertThat(nginx.accessLog()).contains("staging [").contains("\"GET / HTTP/1.1\" 200");
        }
    }

    private static String gridStatus() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(grid().replaceAll("/+$", "") + "/status"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
