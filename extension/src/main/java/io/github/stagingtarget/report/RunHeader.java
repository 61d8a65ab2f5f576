package io.github.stagingtarget.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.http.client.HttpClientSetup;
import io.github.stagingtarget.secrets.SecretMask;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The one line a run starts with, so that a log says at a glance what was tested and whether data could be
 * wiped there:
 *
 * <pre>
 * StagingTarget: target 'staging' (chosen by -Dtarget) → https://staging.example.com/ · fixtures allowed (staging-target.conf:42)
 * </pre>
 *
 * Facts known later (the deployed version, the browser) are added with {@link #with}; parts are joined
 * with {@code ·}. Credentials in the base URL are masked.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunHeader {

    private static final String SEPARATOR = " · ";

    private final String target;
    private final String url;
    private final List<String> parts;

    private RunHeader(String target, String url, List<String> parts) {
        this.target = target;
        this.url = url;
        this.parts = List.copyOf(parts);
    }

    /** The target, what chose it, where it is, and the production guard's verdict with its origin. */
    public static RunHeader of(TargetSelection selection, TargetSettings target, FixtureSettings fixtures) {
        String where = "target '" + target.name() + "' (chosen by " + selection.chosenBy() + ")";
        String guard = fixtures.allowed()
                ? "fixtures allowed (" + fixtures.origin() + ")"
                : "fixtures refused (production guard)";
        List<String> parts = new ArrayList<>(List.of(guard));
        HttpClientSetup.insecureWarning(target.http()).ifPresent(parts::add);
        if (!target.services().isEmpty()) {
            parts.add("services "
                    + String.join(", ", new TreeSet<>(target.services().keySet())));
        }
        return new RunHeader(where, SecretMask.redact(target.baseUrl()), parts);
    }

    /** A copy whose base URL is {@code baseUrl}: a launched application's, once its port is known. */
    public RunHeader at(String baseUrl) {
        return new RunHeader(target, SecretMask.redact(baseUrl), parts);
    }

    /** The base URL shown, credentials masked. */
    public String baseUrl() {
        return url;
    }

    /** A copy with one more part, e.g. {@code "version abc1234"} or {@code "chromium 156"}. */
    public RunHeader with(String part) {
        List<String> more = new ArrayList<>(parts);
        more.add(part);
        return new RunHeader(target, url, more);
    }

    /** The header without its {@code StagingTarget:} prefix, for a report entry keyed by the extension. */
    public String text() {
        return target + " → " + url + SEPARATOR + String.join(SEPARATOR, parts);
    }

    /** The line printed once per run. */
    public String line() {
        return "StagingTarget: " + text();
    }

    @Override
    public String toString() {
        return line();
    }
}
