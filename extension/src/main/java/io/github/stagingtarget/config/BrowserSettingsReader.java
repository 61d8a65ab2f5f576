package io.github.stagingtarget.config;

import com.typesafe.config.ConfigObject;
import io.github.stagingtarget.BrowserReuse;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and validates a target's {@code browser} block; kept apart from the target's other keys. */
final class BrowserSettingsReader {

    static final String BLOCK = "browser";

    private static final Pattern WINDOW_SIZE = Pattern.compile("(\\d{2,5})x(\\d{2,5})");

    private BrowserSettingsReader() {}

    static BrowserSettings read(ConfigReader target) {
        if (!target.has(BLOCK) || !(target.value(BLOCK) instanceof ConfigObject block)) {
            throw target.problem(BLOCK, "an object such as browser { name = chromium, headless = true }");
        }
        // Unknown keys (`headles = false`) were refused when the configuration was loaded (ConfigSchema).
        ConfigReader browser = target.child(BLOCK);
        String name =
                browser.string("name", "chrome, chromium or firefox").trim().toLowerCase(Locale.ROOT);
        BrowserSettings.Kind kind = switch (name) {
            case "chrome", "chromium" -> BrowserSettings.Kind.CHROMIUM;
            case "firefox" -> BrowserSettings.Kind.FIREFOX;
            default -> throw browser.problem("name", "chrome, chromium or firefox");
        };
        return new BrowserSettings(
                kind,
                name,
                browser.bool("headless"),
                windowSize(browser),
                browser.stringList("arguments"),
                path(browser, "binary"),
                path(browser, "driver"),
                browser.duration("page-load-timeout"),
                browser.duration("script-timeout"),
                remoteUrl(browser),
                reuse(browser),
                browser.path("evidence-dir", "a directory path such as target/staging-target-reports"),
                ConfigReader.describe(block));
    }

    private static Optional<BrowserSettings.WindowSize> windowSize(ConfigReader browser) {
        String expected = "WIDTHxHEIGHT such as \"1280x800\", or \"\" for the browser's default";
        String raw = browser.string("window-size", expected).trim();
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = WINDOW_SIZE.matcher(raw);
        if (!matcher.matches()) {
            throw browser.problem("window-size", expected);
        }
        return Optional.of(
                new BrowserSettings.WindowSize(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
    }

    private static Optional<BrowserSettings.ConfiguredPath> path(ConfigReader browser, String key) {
        String expected = "a file path such as /usr/bin/chromedriver";
        boolean blank =
                browser.optionalString(key, expected).map(String::isBlank).orElse(true);
        return blank
                ? Optional.empty()
                : Optional.of(new BrowserSettings.ConfiguredPath(
                        browser.path(key, expected), browser.key(key), browser.origin(key)));
    }

    private static Optional<URI> remoteUrl(ConfigReader browser) {
        String expected = "the http(s) URL of a Selenium Grid such as http://127.0.0.1:4444/";
        Optional<String> raw =
                browser.optionalString("remote-url", expected).map(String::trim).filter(value -> !value.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(browser.httpUrl("remote-url", raw.get(), expected));
    }

    private static BrowserReuse.Policy reuse(ConfigReader browser) {
        List<String> names = Arrays.stream(BrowserReuse.Policy.values())
                .map(BrowserReuse.Policy::configName)
                .collect(Collectors.toList());
        String expected = String.join(", ", names);
        String raw = browser.string("reuse", expected).trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(BrowserReuse.Policy.values())
                .filter(policy -> policy.configName().equals(raw))
                .findFirst()
                .orElseThrow(() -> browser.problem("reuse", expected));
    }
}
