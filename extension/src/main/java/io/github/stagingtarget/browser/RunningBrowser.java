package io.github.stagingtarget.browser;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.config.BrowserSettings;
import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.process.ProcessTree;
import io.github.stagingtarget.secrets.SecretMask;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/**
 * One started browser: hands out its driver, clears it between tests when it is reused, saves evidence
 * of a failure, and quits on {@link #close()} (which also stops the driver process it started).
 *
 * <p>Not API: the extension keeps sessions in JUnit's stores and closes them on the reuse boundary.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunningBrowser implements AutoCloseable {

    private static final String BLANK = "about:blank";
    private static final String CLEAR_PAGE_STORAGE = "var url = window.location.href;"
            + " try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (e) {} return url;";

    /** A driver and browser that do not quit have this long to exit after a SIGTERM. */
    private static final Duration PROCESS_GRACE = Duration.ofSeconds(5);

    private final WebDriver driver;
    private final Optional<ProcessTree> processes;
    private final Optional<AutoCloseable> interception;
    private final List<AutoCloseable> resources;
    private final Optional<String> warning;
    private final BrowserSettings spec;
    /** Origins whose storage must be cleared; reads and writes come from the test's thread and the closer. */
    private final Set<String> origins = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    private RunningBrowser(DriverFactory.Started started, BrowserSettings spec, Optional<String> warning) {
        this.driver = started.driver();
        this.processes = started.processes();
        this.interception = started.interception();
        this.resources = started.resources();
        this.spec = spec;
        this.warning = warning;
    }

    /**
     * Starts the browser {@code spec} describes, with the target's {@code http} settings applied: its CAs,
     * client certificate, proxy, and, for {@code targetUrls}' origins only, its headers and basic auth.
     *
     * @throws BrowserException naming what was looked for and how to install it, or the setting the browser
     *     cannot honour
     */
    public static RunningBrowser start(
            BrowserSettings spec, String targetName, HttpSettings http, List<URI> targetUrls) {
        Optional<String> warning = BrowserHttp.plan(http, targetUrls, spec).warning();
        return new RunningBrowser(DriverFactory.forThisJvm().start(spec, targetName, http, targetUrls), spec, warning);
    }

    /** Starts the browser {@code spec} describes, for a target without {@code http} settings. */
    public static RunningBrowser start(BrowserSettings spec, String targetName) {
        return start(spec, targetName, HttpSettings.none(targetName), List.of());
    }

    /** What the user should be told about how this browser was set up (such as certificate checks turned off). */
    public Optional<String> warning() {
        return warning;
    }

    public WebDriver driver() {
        return driver;
    }

    /** A navigation helper for {@code target}, sharing this session's driver. */
    public Browser browserFor(Target target) {
        visited(target.baseUri());
        return new TargetBrowser(this, target);
    }

    void visited(URI uri) {
        origin(uri.toString()).ifPresent(origins::add);
    }

    /**
     * Makes a reused browser look new: one window at {@code about:blank}, no cookies, no local or session
     * storage for the origins it has been seen on.
     */
    public void reset() {
        List<String> handles = new ArrayList<>(driver.getWindowHandles());
        for (String handle : handles.subList(1, handles.size())) {
            driver.switchTo().window(handle);
            origin(driver.getCurrentUrl()).ifPresent(origins::add);
            driver.close();
        }
        if (handles.size() > 1) {
            driver.switchTo().window(handles.get(0));
        }
        // One round trip: where the page is, and its session storage, which lives in the tab and has no
        // DevTools command of its own.
        String current = String.valueOf(((JavascriptExecutor) driver).executeScript(CLEAR_PAGE_STORAGE));
        origin(current).ifPresent(origins::add);
        if (driver instanceof HasCdp cdp) {
            if (!BLANK.equals(current)) {
                cdp.executeCdpCommand("Page.navigate", Map.of("url", BLANK));
            }
            // Every origin's cookies, even of pages reached by clicking a link; storage of the origins seen.
            cdp.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            for (String origin : snapshotOrigins()) {
                cdp.executeCdpCommand(
                        "Storage.clearDataForOrigin",
                        Map.of(
                                "origin",
                                origin,
                                "storageTypes",
                                "local_storage,indexeddb,cache_storage,service_workers"));
            }
        } else {
            // Plain WebDriver only reaches the cookies and storage of the loaded page: visit each origin.
            for (String origin : snapshotOrigins()) {
                driver.get(origin + "/");
                driver.manage().deleteAllCookies();
                ((JavascriptExecutor) driver).executeScript(CLEAR_PAGE_STORAGE);
            }
            driver.get(BLANK);
        }
    }

    /**
     * Saves URL, screenshot, page source and (Chromium) console log into {@code directory}. Problems are
     * added to {@code failure} as suppressed exceptions, never thrown. Text is masked with {@code mask}.
     *
     * @return the files written
     */
    public List<Path> captureEvidence(Path directory, Throwable failure, SecretMask mask) {
        return Evidence.capture(driver, directory, failure, mask);
    }

    /**
     * Whether the browser shows a page at all: a new or reset browser is on {@code about:blank} (Chromium's
     * first tab may be {@code data:,}). One that cannot even say where it is may have crashed during the
     * test, which is worth the attempt to capture.
     */
    public boolean navigated() {
        try {
            String url = driver.getCurrentUrl();
            return url != null && !url.equals(BLANK) && !url.equals("data:,") && !url.isEmpty();
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    public BrowserSettings spec() {
        return spec;
    }

    /** The local driver's and browser's processes; empty for a browser on a grid. */
    Optional<ProcessTree> processes() {
        return processes;
    }

    private List<String> snapshotOrigins() {
        synchronized (origins) {
            return List.copyOf(origins);
        }
    }

    private static Optional<String> origin(String url) {
        if (url == null || !url.startsWith("http")) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * Quits the browser, which stops the driver process Selenium started for it; then stops whatever of
     * them is still running (a browser that hung or crashed leaves helper processes behind).
     */
    @Override
    public void close() {
        try {
            // While the browser still answers: detaching from a browser that is gone waits for a timeout.
            close(interception.stream().toList());
        } finally {
            try {
                driver.quit();
            } finally {
                processes.ifPresent(tree -> tree.stop(PROCESS_GRACE));
                close(resources);
            }
        }
    }

    private static void close(List<AutoCloseable> resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new BrowserException("Could not clean up after the browser: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
