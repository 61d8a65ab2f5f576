package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;
import org.openqa.selenium.WebDriver;

/** What a user sees when the browser is misconfigured or missing. */
class BrowserErrorTests extends BrowserKitSupport {

    @Test
    void misspelledBrowserKeyFailsTheClassBeforeAnyTest() {
        EngineExecutionResults results = run("headles = false", UsesBrowserTestCase.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        EventConditions.finishedWithFailure(
                                TestExecutionResultConditions.instanceOf(ExtensionConfigurationException.class),
                                TestExecutionResultConditions.message(message -> message.contains(
                                        "staging-target.targets.local.browser.headles is not a StagingTarget "
                                                + "key: did you mean 'headless'?"))));
        results.testEvents().assertStatistics(stats -> stats.started(0));
    }

    @Test
    void missingDriverPathNamesTheKeyAndWhereItWasSet() {
        EngineExecutionResults results = run("driver = \"/nonexistent/chromedriver\"", UsesBrowserTestCase.class);

        Throwable failure = StagingTargetTestKit.firstFailure(results.testEvents());
        assertThat(failure)
                .isInstanceOf(ParameterResolutionException.class)
                .hasCauseInstanceOf(BrowserException.class)
                .hasMessageMatching(
                        "(?s).*staging-target-[0-9]+\\.conf: 5: staging-target\\.targets\\.local\\.browser\\.driver: "
                                + "expected the path of an executable driver, but /nonexistent/chromedriver does not exist\\. "
                                + "Correct the path, or remove the key to use the one on PATH\\.");
    }

    @Test
    void driverThatCannotStartSaysWhatWasTriedAndHowToInstall() {
        EngineExecutionResults results =
                run("driver = \"/bin/false\", binary = \"/usr/bin/chromium\"", UsesBrowserTestCase.class);

        Throwable failure = StagingTargetTestKit.firstFailure(results.testEvents());
        assertThat(failure)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageStartingWith("Could not start chromium for target 'local' with driver /bin/false and "
                        + "browser /usr/bin/chromium: ")
                .hasMessageContaining("Install them (Debian/Ubuntu: apt-get install chromium chromium-driver), "
                        + "or set browser.driver and browser.binary (browser block at ");
    }

    @StagingTarget
    static class UsesBrowserTestCase {

        @org.junit.jupiter.api.Test
        void opensAPage(WebDriver driver) {
            driver.get("about:blank");
        }
    }
}
