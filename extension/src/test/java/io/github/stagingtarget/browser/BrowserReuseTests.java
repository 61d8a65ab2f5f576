package io.github.stagingtarget.browser;

import static io.github.stagingtarget.browser.BrowserFixtures.reported;
import static io.github.stagingtarget.browser.BrowserFixtures.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.BrowserReuse;
import io.github.stagingtarget.StagingTarget;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.openqa.selenium.WebDriver;

/** Where a browser is shared, where it is quit, and that none outlives the run. */
class BrowserReuseTests extends BrowserKitSupport {

    @Test
    void perClassSharesOneBrowserWithinAClassAndNotAcrossClasses() {
        EngineExecutionResults results = run("reuse = per-class", FirstTestCase.class, SecondTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
        Map<String, String> sessions = reported(results, "session");
        assertThat(sessions).hasSize(4);
        // `one` injects WebDriver and `two` injects Browser: they share the class's browser.
        assertThat(sessions.get("FirstTestCase#one")).isEqualTo(sessions.get("FirstTestCase#two"));
        assertThat(sessions.get("SecondTestCase#one")).isEqualTo(sessions.get("SecondTestCase#two"));
        assertThat(sessions.get("FirstTestCase#one")).isNotEqualTo(sessions.get("SecondTestCase#one"));
    }

    @Test
    void perRunSharesOneBrowserAcrossClasses() {
        EngineExecutionResults results = run("reuse = per-run", FirstTestCase.class, SecondTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
        assertThat(new HashSet<>(reported(results, "session").values())).hasSize(1);
    }

    @Test
    void annotationOverridesTheConfiguredPolicyWithANewBrowserPerTest() {
        EngineExecutionResults results = run("reuse = per-run", PerTestTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        Map<String, String> sessions = reported(results, "session");
        assertThat(sessions.get("PerTestTestCase#one")).isNotEqualTo(sessions.get("PerTestTestCase#two"));
    }

    @Test
    void parallelTestsOfOneClassGetABrowserEach() {
        EngineExecutionResults results = run(
                "reuse = per-class",
                Map.of(
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"),
                ConcurrentTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(new HashSet<>(reported(results, "thread").values())).hasSize(2);
        assertThat(new HashSet<>(reported(results, "session").values())).hasSize(2);
    }

    @StagingTarget
    static class FirstTestCase {

        @Test
        void one(WebDriver driver, TestReporter reporter) {
            reporter.publishEntry("session", sessionOf(driver));
        }

        @Test
        void two(Browser browser, TestReporter reporter) {
            assertThat(browser.open("home").getTitle()).isEqualTo("Home");
            reporter.publishEntry("session", sessionOf(browser.driver()));
        }
    }

    static class SecondTestCase extends FirstTestCase {}

    @BrowserReuse(BrowserReuse.Policy.PER_TEST)
    static class PerTestTestCase extends FirstTestCase {}

    @StagingTarget
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentTestCase {

        /** Both tests hold their browser at the same time, so they surely ran on two threads. */
        private static final CyclicBarrier BOTH = new CyclicBarrier(2);

        @Test
        void one(WebDriver driver, TestReporter reporter) throws Exception {
            report(driver, reporter);
        }

        @Test
        void two(WebDriver driver, TestReporter reporter) throws Exception {
            report(driver, reporter);
        }

        private static void report(WebDriver driver, TestReporter reporter) throws Exception {
            BOTH.await(60, TimeUnit.SECONDS);
            reporter.publishEntry("session", sessionOf(driver));
            reporter.publishEntry("thread", Thread.currentThread().getName());
        }
    }
}
