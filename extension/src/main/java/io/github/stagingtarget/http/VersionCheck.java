package io.github.stagingtarget.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.VersionSettings;
import io.github.stagingtarget.http.client.HttpClientSetup;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reads the version a target reports and compares it with the one the tests were built for: the classic
 * way staging tests lie is by passing against yesterday's build.
 */
@API(status = INTERNAL, since = "0.1")
public final class VersionCheck {

    private static final Pattern ABBREVIABLE = Pattern.compile("[0-9a-f]{7,64}");

    private VersionCheck() {}

    /** The deployed version, as the target's version path answers it (trimmed). */
    public static String deployedVersion(ConfiguredTarget target, String path) throws InterruptedException {
        URI url = target.resolve(path);
        HttpClientSetup http = HttpClientSetup.forTarget(target);
        HttpClient client = http.newClient(Duration.ofSeconds(10));
        try {
            HttpResponse<String> response = client.send(
                    http.request(url).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Optional<String> refused = http.explain(url, response);
            if (refused.isPresent()) {
                throw new TargetCheckException(target.label() + " did not answer its version: " + refused.get());
            }
            if (response.statusCode() != 200) {
                throw new TargetCheckException(target.label() + " answered " + shown(url) + " with HTTP status "
                        + response.statusCode() + " instead of its version");
            }
            return response.body().trim();
        } catch (IOException e) {
            throw new TargetCheckException(
                    target.label() + " did not answer its version at " + shown(url) + ": " + http.explain(url, e), e);
        }
    }

    /**
     * @return the deployed version, empty when no check is configured
     * @throws TargetCheckException if the target runs another version than {@code spec.expected()}
     */
    public static java.util.Optional<String> verify(ConfiguredTarget target, VersionSettings spec)
            throws InterruptedException {
        if (!spec.isChecked()) {
            return java.util.Optional.empty();
        }
        String path = spec.path().orElseThrow();
        String expected = spec.expected().orElseThrow();
        String deployed = deployedVersion(target, path);
        if (!matches(expected, deployed)) {
            throw new TargetCheckException(target.label() + " runs version '" + deployed + "' (from "
                    + shown(target.resolve(path)) + "), but the tests expect '" + expected
                    + "' (" + target.key("version.expected") + ", " + spec.expectedOrigin()
                    + "). Deploy the expected build "
                    + "first, or unset version.expected to test whatever is deployed.");
        }
        return java.util.Optional.of(deployed);
    }

    /** A URL for a message: credentials in a base URL ({@code https://user:pass@host/}) are masked. */
    private static String shown(URI url) {
        return SecretMask.redact(url.toString());
    }

    /** Equal, or, for git commits, one is an abbreviation (at least 7 hex digits) of the other. */
    static boolean matches(String expected, String deployed) {
        if (expected.equals(deployed)) {
            return true;
        }
        String a = expected.toLowerCase(Locale.ROOT);
        String b = deployed.toLowerCase(Locale.ROOT);
        return ABBREVIABLE.matcher(a).matches()
                && ABBREVIABLE.matcher(b).matches()
                && (a.startsWith(b) || b.startsWith(a));
    }
}
