package io.github.stagingtarget.config;

import io.github.stagingtarget.BrowserReuse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The validated {@code browser} block of one target: which browser to start, how, and how long it lives.
 * Paths are checked for existence only when a browser is started, but carry their key and origin so that
 * the error can name them.
 */
public record BrowserSpec(
        Kind kind,
        String name,
        boolean headless,
        Optional<WindowSize> windowSize,
        List<String> arguments,
        Optional<ConfiguredPath> binary,
        Optional<ConfiguredPath> driver,
        Duration pageLoadTimeout,
        Duration scriptTimeout,
        Optional<URI> remoteUrl,
        BrowserReuse.Policy reuse,
        Path evidenceDirectory,
        String origin) {

    /** The browser families we can drive; {@code chrome} and {@code chromium} share one. */
    public enum Kind {
        CHROMIUM,
        FIREFOX
    }

    /** A window size in CSS pixels, written {@code 1280x800}. */
    public record WindowSize(int width, int height) {}

    /** A file path from the configuration, with the full key and origin for error messages. */
    public record ConfiguredPath(Path path, String key, String origin) {}
}
