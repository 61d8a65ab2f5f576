package io.github.stagingtarget.browser;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.BrowserSettings;
import org.apiguardian.api.API;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.WebDriver;

/** Starts the configured browser once and quits it: the doctor's proof that the tests will get one. */
@API(status = INTERNAL, since = "0.1")
public final class BrowserProbe {

    private BrowserProbe() {}

    /**
     * @return what was started, e.g. {@code chrome 156.0.8078.73}
     * @throws BrowserException naming what was looked for and how to install it
     */
    public static String startAndQuit(BrowserSettings spec, String targetName) {
        try (RunningBrowser session = RunningBrowser.start(spec, targetName)) {
            WebDriver driver = session.driver();
            if (driver instanceof HasCapabilities withCapabilities) {
                Capabilities capabilities = withCapabilities.getCapabilities();
                return capabilities.getBrowserName() + " " + capabilities.getBrowserVersion();
            }
            return driver.getClass().getSimpleName();
        }
    }
}
