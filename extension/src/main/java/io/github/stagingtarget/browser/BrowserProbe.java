package io.github.stagingtarget.browser;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.BrowserSettings;
import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.config.TargetSettings;
import java.net.URI;
import java.util.List;
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
        return startAndQuit(spec, targetName, HttpSettings.none(targetName), List.of());
    }

    /**
     * Starts and quits the browser the tests of {@code target} get, with its {@code http} settings applied, so
     * that a setting the browser cannot honour (or a missing {@code certutil}) shows here first.
     *
     * @return what was started, e.g. {@code chrome 156.0.8078.73}
     * @throws BrowserException naming what was looked for and how to install it, or the setting
     */
    public static String startAndQuit(TargetSettings target) {
        // A launched target's URL has its port only once it runs: then no origin gets headers or credentials here.
        List<URI> urls = target.needsPort() ? List.of() : List.of(URI.create(target.baseUrl()));
        return startAndQuit(target.browser(), target.name(), target.http(), urls);
    }

    private static String startAndQuit(
            BrowserSettings spec, String targetName, HttpSettings http, List<URI> targetUrls) {
        try (RunningBrowser session = RunningBrowser.start(spec, targetName, http, targetUrls)) {
            WebDriver driver = session.driver();
            if (driver instanceof HasCapabilities withCapabilities) {
                Capabilities capabilities = withCapabilities.getCapabilities();
                return capabilities.getBrowserName() + " " + capabilities.getBrowserVersion();
            }
            return driver.getClass().getSimpleName();
        }
    }
}
