package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.BrowserReuse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The validated {@code browser} block of one target: which browser to start, how, and how long it lives.
 * Paths are checked for existence only when a browser is started, but carry their key and origin so that
 * the error can name them.
 */
@API(status = INTERNAL, since = "0.1")
public record BrowserSettings(
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
    @API(status = INTERNAL, since = "0.1")
    public enum Kind {
        CHROMIUM,
        FIREFOX
    }

    /** A window size in CSS pixels, written {@code 1280x800}. */
    @API(status = INTERNAL, since = "0.1")
    public record WindowSize(int width, int height) {}

    /** A file path from the configuration, with the full key and origin for error messages. */
    @API(status = INTERNAL, since = "0.1")
    public record ConfiguredPath(Path path, String key, String origin) {}
}
