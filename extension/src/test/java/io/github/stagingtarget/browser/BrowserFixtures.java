package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.testsupport.BrowserProcesses;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.remote.RemoteWebDriver;

/** Shared by the browser tests: reads what fixtures reported. */
final class BrowserFixtures {

    private BrowserFixtures() {}

    static String sessionOf(WebDriver driver) {
        return ((RemoteWebDriver) driver).getSessionId().toString();
    }

    /** Values a fixture published under {@code key}, by {@code SimpleClassName#method}. */
    static Map<String, String> reported(EngineExecutionResults results, String key) {
        Map<String, String> values = new LinkedHashMap<>();
        results.allEvents().reportingEntryPublished().stream().forEach(event -> {
            String value = event.getRequiredPayload(ReportEntry.class)
                    .getKeyValuePairs()
                    .get(key);
            if (value != null && event.getTestDescriptor().getSource().orElse(null) instanceof MethodSource method) {
                String className =
                        method.getClassName().substring(method.getClassName().lastIndexOf('$') + 1);
                values.put(className + "#" + method.getMethodName(), value);
            }
        });
        return values;
    }

    /** Every browser and driver a kit run started must be gone once it has finished. */
    static void assertNoBrowserProcessLeft() {
        assertThat(BrowserProcesses.leftAfter(Duration.ofSeconds(10)))
                .as("chromium/chromedriver processes left by the run (children of this JVM)")
                .isEmpty();
    }
}
