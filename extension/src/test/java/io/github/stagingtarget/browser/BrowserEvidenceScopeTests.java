package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.StagingTarget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Browser evidence comes only from a browser the failed test used: handed to it or its class, and navigated. */
class BrowserEvidenceScopeTests extends BrowserKitSupport {

    private static List<String> published(EngineExecutionResults results) {
        return results.allEvents().fileEntryPublished().stream()
                .map(event -> event.getRequiredPayload(FileEntry.class).getPath())
                .map(path -> path.getParent().getFileName() + "/" + path.getFileName())
                .toList();
    }

    @Test
    void anApiOnlyTestAfterABrowserTestInTheSameClassLeavesNoBrowserEvidence() {
        Path reports = dir.resolve("reports");
        EngineExecutionResults results =
                run("reuse = per-class, evidence-dir = \"" + reports + "\"", ApiTestAfterBrowserTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(2));
        assertThat(published(results))
                .as("the browser test's page is not evidence of the API test's failure")
                .noneMatch(file -> file.contains("apiOnly"))
                .anyMatch(file -> file.endsWith("screenshot.png"));
        assertThat(reports.resolve(ApiTestAfterBrowserTestCase.class.getName()).resolve("apiOnly"))
                .doesNotExist();
        assertThat(reports.resolve(ApiTestAfterBrowserTestCase.class.getName()).resolve("browserThenFail"))
                .isDirectoryContaining("glob:**/screenshot.png");
    }

    @Test
    void aBrowserHandedToBeforeAllIsTheTestsWhenItNavigatedButABlankOneIsNot() {
        Path reports = dir.resolve("reports");
        EngineExecutionResults results =
                run("reuse = per-class, evidence-dir = \"" + reports + "\"", BeforeAllBrowserTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.failed(2));
        Path classDir = reports.resolve(BeforeAllBrowserTestCase.class.getName());
        assertThat(classDir.resolve("navigatesThenFails")).isDirectoryContaining("glob:**/page-source.html");
        assertThat(classDir.resolve("failsWithoutNavigating"))
                .as("the reset browser is on about:blank: nothing to show")
                .doesNotExist();
    }

    @StagingTarget
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ApiTestAfterBrowserTestCase {
        @Test
        @Order(1)
        void browserPasses(Browser browser) {
            browser.open("home");
        }

        @Test
        @Order(2)
        void browserThenFail(Browser browser) {
            browser.open("broken");
            throw new AssertionError("the page is broken");
        }

        @Test
        @Order(3)
        void apiOnly() {
            throw new AssertionError("the API answered 500");
        }
    }

    @StagingTarget
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class BeforeAllBrowserTestCase {
        Browser browser;

        @BeforeAll
        void keep(Browser browser) {
            this.browser = browser;
        }

        @Test
        @Order(1)
        void navigatesThenFails() {
            browser.open("broken");
            throw new AssertionError("the page is broken");
        }

        @Test
        @Order(2)
        void failsWithoutNavigating() {
            throw new AssertionError("the API answered 500");
        }
    }
}
