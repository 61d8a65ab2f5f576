package io.github.stagingtarget.browser;

import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.config.BrowserSettings;
import io.github.stagingtarget.config.BrowserSettings.ConfiguredPath;
import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.process.ProcessTree;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.firefox.FirefoxDriver;
import org.openqa.selenium.firefox.FirefoxOptions;
import org.openqa.selenium.firefox.GeckoDriverService;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.AbstractDriverOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.service.DriverService;

/**
 * Starts the browser a {@link BrowserSettings} describes. Offline first: an explicit path from the
 * configuration, else the driver and browser on {@code PATH} (Debian's {@code /usr/bin/chromedriver} and
 * {@code /usr/bin/chromium}), and only then Selenium Manager, which downloads drivers and needs internet.
 */
final class DriverFactory {

    /**
     * Always passed to Chromium: they keep a test run from phoning home or updating components, which is
     * slow offline and makes runs differ.
     */
    static final List<String> CHROMIUM_ARGUMENTS = List.of(
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            // A reused browser goes back to about:blank between tests. With the back-forward cache and
            // RenderDocument that leaves the old page alive in another renderer process, which halves the
            // speed of a reset (bench/browser-reuse.sh: 107 ms without these, 45 ms with); tests gain
            // nothing from either, and a page that reloads on Back is the more predictable one.
            "--disable-features=BackForwardCache,RenderDocument");

    static final List<String> CHROMIUM_HEADLESS = List.of("--headless=new", "--disable-gpu");

    /**
     * Only for a local Chromium started by root, which Chromium refuses to do with its sandbox on (as in
     * containers and CI that run as root). Anyone else keeps the sandbox: run tests as an unprivileged user.
     */
    static final String NO_SANDBOX = "--no-sandbox";

    private static final Duration FAILED_START_GRACE = Duration.ofSeconds(2);

    private static final List<String> CHROMIUM_BINARIES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final List<String> CHROME_BINARIES =
            List.of("google-chrome", "google-chrome-stable", "chromium", "chromium-browser");
    private static final List<String> FIREFOX_BINARIES = List.of("firefox", "firefox-esr");

    private final ExecutableFinder finder;
    private final boolean root;

    DriverFactory(ExecutableFinder finder, boolean root) {
        this.finder = finder;
        this.root = root;
    }

    /** For the browser this JVM may start: with {@code --no-sandbox} if it runs as root. */
    static DriverFactory forThisJvm() {
        return new DriverFactory(ExecutableFinder.fromEnvironment(), RunningUser.isRoot());
    }

    /**
     * A started browser.
     *
     * @param processes the local driver and the browser it started; empty for a browser on a grid
     * @param interception what listens to the browser over DevTools: closed before the browser quits
     * @param resources what the browser used (its own home directory): closed once its processes are gone
     */
    record Started(
            WebDriver driver,
            Optional<ProcessTree> processes,
            Optional<AutoCloseable> interception,
            List<AutoCloseable> resources) {

        Started withInterception(Optional<? extends AutoCloseable> interception) {
            return new Started(driver, processes, interception.map(AutoCloseable.class::cast), resources);
        }
    }

    /** Starts the browser for a target without {@code http} settings. */
    Started start(BrowserSettings spec, String targetName) {
        return start(spec, targetName, HttpSettings.none(targetName), List.of());
    }

    /**
     * Starts the browser with the target's HTTP settings applied (see {@link BrowserHttp}).
     *
     * @param targetUrls the target's own URLs: only their origins get its headers and credentials
     */
    Started start(BrowserSettings spec, String targetName, HttpSettings http, List<URI> targetUrls) {
        BrowserHttp reach = BrowserHttp.plan(http, targetUrls, spec);
        Started started;
        if (spec.remoteUrl().isPresent()) {
            started = new Started(startRemote(spec, targetName, reach), Optional.empty(), Optional.empty(), List.of());
        } else {
            Optional<Path> binary = local(spec.binary(), "browser");
            Optional<Path> driver = local(spec.driver(), "driver");
            started = spec.kind() == BrowserSettings.Kind.CHROMIUM
                    ? startChromium(spec, targetName, binary, driver, reach)
                    : startFirefox(spec, targetName, binary, driver, reach);
        }
        try {
            return started.withInterception(reach.intercept(started.driver()));
        } catch (RuntimeException e) {
            stop(started, e);
            throw e;
        }
    }

    /** Quits a browser that cannot be used, attaching what goes wrong doing so to {@code failure}. */
    static void stop(Started started, Throwable failure) {
        started.interception().ifPresent(interception -> {
            try {
                interception.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        });
        try {
            started.driver().quit();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        started.processes().ifPresent(tree -> tree.stop(FAILED_START_GRACE));
        for (AutoCloseable resource : started.resources()) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    private Started startChromium(
            BrowserSettings spec,
            String targetName,
            Optional<Path> configuredBinary,
            Optional<Path> configuredDriver,
            BrowserHttp reach) {
        Optional<Path> binary = configuredBinary.or(
                () -> finder.find(spec.name().equals("chrome") ? CHROME_BINARIES : CHROMIUM_BINARIES));
        Optional<Path> driver = configuredDriver.or(() -> finder.find(List.of("chromedriver")));
        ChromeOptions options = chromiumOptions(spec, root);
        binary.ifPresent(path -> options.setBinary(path.toFile()));
        reach.configure(options);
        reach.configureChromium(options);
        Looked looked = new Looked(
                spec,
                targetName,
                binary,
                driver,
                "chromedriver",
                String.join(", ", spec.name().equals("chrome") ? CHROME_BINARIES : CHROMIUM_BINARIES),
                "apt-get install chromium chromium-driver");
        Optional<NssProfile> profile = reach.nssProfile(finder);
        ProcessTree tree;
        try {
            tree = processTree(spec, targetName);
        } catch (RuntimeException e) {
            profile.ifPresent(NssProfile::close);
            throw e;
        }
        Map<String, String> environment = new HashMap<>(tree.environment());
        profile.ifPresent(home -> environment.putAll(home.environment()));
        ChromeDriverService.Builder service = new ChromeDriverService.Builder()
                .usingAnyFreePort()
                .withEnvironment(environment)
                .withLogOutput(OutputStream.nullOutputStream());
        // Without a driver path, Selenium Manager provides one when the driver starts.
        driver.ifPresent(path -> service.usingDriverExecutable(path.toFile()));
        return startLocal(
                tree,
                service.build(),
                looked,
                built -> new ChromeDriver(built, options),
                profile.stream().toList());
    }

    private Started startFirefox(
            BrowserSettings spec,
            String targetName,
            Optional<Path> configuredBinary,
            Optional<Path> configuredDriver,
            BrowserHttp reach) {
        Optional<Path> binary = configuredBinary.or(() -> finder.find(FIREFOX_BINARIES));
        Optional<Path> driver = configuredDriver.or(() -> finder.find(List.of("geckodriver")));
        FirefoxOptions options = firefoxOptions(spec);
        binary.ifPresent(options::setBinary);
        reach.configure(options);
        Looked looked = new Looked(
                spec,
                targetName,
                binary,
                driver,
                "geckodriver",
                String.join(", ", FIREFOX_BINARIES),
                "apt-get install firefox-esr, and geckodriver from https://github.com/mozilla/geckodriver/releases");
        ProcessTree tree = processTree(spec, targetName);
        GeckoDriverService.Builder service = new GeckoDriverService.Builder()
                .usingAnyFreePort()
                .withEnvironment(tree.environment())
                .withLogOutput(OutputStream.nullOutputStream());
        driver.ifPresent(path -> service.usingDriverExecutable(path.toFile()));
        return startLocal(tree, service.build(), looked, built -> new FirefoxDriver(built, options), List.of());
    }

    /**
     * The driver service carries the tree's marker into the driver's environment, and the driver into the
     * browser's; the driver becomes a root of the tree once it runs (Selenium does not hand out its process).
     * {@code resources} are closed after the browser's processes have ended.
     */
    private static <S extends DriverService> Started startLocal(
            ProcessTree tree,
            S service,
            Looked looked,
            Function<S, WebDriver> driverFor,
            List<? extends AutoCloseable> resources) {
        try {
            WebDriver started = driverFor.apply(service);
            Optional.ofNullable(service.getExecutable()).ifPresent(path -> tree.adoptChildren(Path.of(path)));
            return new Started(started, Optional.of(tree), Optional.empty(), List.copyOf(resources));
        } catch (WebDriverException | IllegalStateException e) {
            tree.stop(FAILED_START_GRACE);
            BrowserException failure = looked.failure(e);
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception closing) {
                    failure.addSuppressed(closing);
                }
            }
            throw failure;
        }
    }

    private static ProcessTree processTree(BrowserSettings spec, String targetName) {
        try {
            return ProcessTree.create();
        } catch (StagingTargetException e) {
            throw new BrowserException(
                    "Could not start " + spec.name() + " for target '" + targetName + "': " + e.getMessage(), e);
        }
    }

    /** On a grid the paths name files on the grid's node, so they are passed on unchecked. */
    private static WebDriver startRemote(BrowserSettings spec, String targetName, BrowserHttp reach) {
        AbstractDriverOptions<?> options;
        if (spec.kind() == BrowserSettings.Kind.CHROMIUM) {
            // Whether the grid's node runs as root is unknown here: it is the node's to add --no-sandbox.
            ChromeOptions chrome = chromiumOptions(spec, false);
            spec.binary().ifPresent(path -> chrome.setBinary(path.path().toString()));
            reach.configureChromium(chrome);
            options = chrome;
        } else {
            FirefoxOptions firefox = firefoxOptions(spec);
            spec.binary().ifPresent(path -> firefox.setBinary(path.path().toString()));
            options = firefox;
        }
        reach.configure(options);
        try {
            return new RemoteWebDriver(spec.remoteUrl().orElseThrow().toURL(), options);
        } catch (MalformedURLException | WebDriverException e) {
            throw new BrowserException(
                    "Could not start " + spec.name() + " for target '" + targetName
                            + "' on the Selenium Grid at "
                            + Redactor.url(spec.remoteUrl().orElseThrow().toString())
                            + " (browser.remote-url, " + spec.origin() + "): " + firstLine(e)
                            + ". Check that the grid is running (GET /status answers \"ready\": true) and has a node for "
                            + spec.name() + ".",
                    e);
        }
    }

    static ChromeOptions chromiumOptions(BrowserSettings spec, boolean root) {
        ChromeOptions options = new ChromeOptions();
        List<String> arguments = new ArrayList<>();
        if (root) {
            arguments.add(NO_SANDBOX);
        }
        arguments.addAll(CHROMIUM_ARGUMENTS);
        if (spec.headless()) {
            arguments.addAll(CHROMIUM_HEADLESS);
        }
        spec.windowSize().ifPresent(size -> arguments.add("--window-size=" + size.width() + "," + size.height()));
        arguments.addAll(spec.arguments());
        options.addArguments(arguments);
        // Lets a failed test's evidence include what the page logged to the console.
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        options.setPageLoadTimeout(spec.pageLoadTimeout());
        options.setScriptTimeout(spec.scriptTimeout());
        return options;
    }

    static FirefoxOptions firefoxOptions(BrowserSettings spec) {
        FirefoxOptions options = new FirefoxOptions();
        List<String> arguments = new ArrayList<>();
        if (spec.headless()) {
            arguments.add("-headless");
        }
        spec.windowSize().ifPresent(size -> {
            arguments.add("--width=" + size.width());
            arguments.add("--height=" + size.height());
        });
        arguments.addAll(spec.arguments());
        options.addArguments(arguments);
        options.setPageLoadTimeout(spec.pageLoadTimeout());
        options.setScriptTimeout(spec.scriptTimeout());
        return options;
    }

    /** An explicitly configured file must exist: a typo must not fall back silently to another browser. */
    private static Optional<Path> local(Optional<ConfiguredPath> configured, String what) {
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        ConfiguredPath path = configured.get();
        if (!Files.isRegularFile(path.path()) || !Files.isExecutable(path.path())) {
            throw new BrowserException(path.origin() + ": " + path.key() + ": expected the path of an executable "
                    + what + ", but " + path.path().toAbsolutePath()
                    + (Files.exists(path.path()) ? " is not an executable file" : " does not exist")
                    + ". Correct the path, or remove the key to use the one on PATH.");
        }
        return Optional.of(path.path());
    }

    /** What discovery found, to explain a failed start. */
    private final class Looked {
        private final BrowserSettings spec;
        private final String targetName;
        private final Optional<Path> binary;
        private final Optional<Path> driver;
        private final String driverName;
        private final String binaryNames;
        private final String install;

        Looked(
                BrowserSettings spec,
                String targetName,
                Optional<Path> binary,
                Optional<Path> driver,
                String driverName,
                String binaryNames,
                String install) {
            this.spec = spec;
            this.targetName = targetName;
            this.binary = binary;
            this.driver = driver;
            this.driverName = driverName;
            this.binaryNames = binaryNames;
            this.install = install;
        }

        BrowserException failure(RuntimeException e) {
            String driverPart = driver.map(path -> "driver " + path)
                    .orElse("no " + driverName + " (browser.driver is not set, none on " + finder.describe()
                            + ", and Selenium Manager, which needs internet, could not provide one)");
            String binaryPart = binary.map(path -> "browser " + path)
                    .orElse("no browser binary (browser.binary is not set and none of " + binaryNames + " is on PATH)");
            return new BrowserException(
                    "Could not start " + spec.name() + " for target '" + targetName + "' with "
                            + driverPart + " and " + binaryPart + ": " + firstLine(e)
                            + ". Install them (Debian/Ubuntu: "
                            + install + "), or set browser.driver and browser.binary (browser block at " + spec.origin()
                            + ")." + sandboxHint(e),
                    e);
        }

        /**
         * Chromium as an ordinary user keeps its sandbox, which needs user namespaces: a container that does not
         * allow them makes it exit at once, which chromedriver reports only as a browser that failed to start.
         */
        private String sandboxHint(RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            // chromedriver's words for it, from version to version.
            boolean browserDied = Stream.of("instance exited", "failed to start", "DevToolsActivePort", "has crashed")
                    .anyMatch(message::contains);
            if (spec.kind() != BrowserSettings.Kind.CHROMIUM
                    || root
                    || !browserDied
                    || spec.arguments().contains(NO_SANDBOX)) {
                return "";
            }
            return " If the browser itself exited: Chromium keeps its sandbox when not run as root, and the sandbox"
                    + " needs user namespaces; where they are not allowed (some containers), add \"" + NO_SANDBOX
                    + "\" to browser.arguments.";
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
