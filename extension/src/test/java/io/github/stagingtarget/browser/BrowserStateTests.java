package io.github.stagingtarget.browser;

import static io.github.stagingtarget.browser.BrowserFixtures.reported;
import static io.github.stagingtarget.browser.BrowserFixtures.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

/** A reused browser starts each test as if it were new. */
class BrowserStateTests extends BrowserKitSupport {

    @Test
    void cookiesStorageAndWindowsOfOneTestAreGoneInTheNext() {
        EngineExecutionResults results = run("reuse = per-class", StateTestCase.class);

        assertStartedClean(results);
    }

    /** Also used on a Selenium Grid, where clearing cannot use Chromium's DevTools. */
    static void assertStartedClean(EngineExecutionResults results) {
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        Map<String, String> sessions = reported(results, "session");
        assertThat(sessions.get("StateTestCase#leavesState"))
                .as("the same browser, else nothing was reused")
                .isEqualTo(sessions.get("StateTestCase#startsClean"));
        assertThat(reported(results, "before"))
                .containsEntry("StateTestCase#leavesState", "flavour=mint|local|session");
        assertThat(reported(results, "windows")).containsEntry("StateTestCase#startsClean", "1");
        assertThat(reported(results, "url")).containsEntry("StateTestCase#startsClean", "about:blank");
        assertThat(reported(results, "target")).containsEntry("StateTestCase#startsClean", "|null|null");
        assertThat(reported(results, "other-origin")).containsEntry("StateTestCase#startsClean", "|null|null");
    }

    @StagingTarget
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StateTestCase {

        @Test
        @Order(1)
        void leavesState(Browser browser, Target target, TestReporter reporter) {
            WebDriver driver = browser.open("store");
            reporter.publishEntry("session", sessionOf(driver));
            reporter.publishEntry("before", state(driver));
            // A second window on a second origin (same server, other host name), reached without the helper.
            driver.switchTo().newWindow(WindowType.WINDOW);
            driver.get(otherOrigin(target, "store"));
        }

        @Test
        @Order(2)
        void startsClean(Browser browser, Target target, TestReporter reporter) {
            WebDriver driver = browser.driver();
            reporter.publishEntry("session", sessionOf(driver));
            reporter.publishEntry(
                    "windows", Integer.toString(driver.getWindowHandles().size()));
            reporter.publishEntry("url", driver.getCurrentUrl());
            reporter.publishEntry("target", state(browser.open("home")));
            driver.get(otherOrigin(target, "home"));
            reporter.publishEntry("other-origin", state(driver));
        }

        private static String otherOrigin(Target target, String path) {
            return target.url(path).toString().replace("://127.0.0.1:", "://localhost:");
        }

        private static String state(WebDriver driver) {
            return (String) ((JavascriptExecutor) driver)
                    .executeScript("return document.cookie + '|' "
                            + "+ localStorage.getItem('kept') + '|' + sessionStorage.getItem('kept');");
        }
    }
}
