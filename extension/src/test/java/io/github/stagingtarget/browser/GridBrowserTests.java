package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static String gridStatus() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(grid().replaceAll("/+$", "") + "/status"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
