package io.github.stagingtarget.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.http.client.HttpClientSetup;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Runs once before the first test against a remote target: waits until it is ready, then checks its
 * version; then the same for each of its named services. Failing here fails the run with one message, instead of every test timing out on its own.
 */
@API(status = INTERNAL, since = "0.1")
public final class RemoteTargetCheck {

    private RemoteTargetCheck() {}

    /** @return the deployed version of the target's base URL, when a version check is configured */
    public static Optional<String> run(ConfiguredTarget target) throws InterruptedException {
        Optional<String> version = check(target);
        services(target);
        return version;
    }

    /**
     * Waits for each named service of the target and checks its version, in name order; the first that fails
     * fails the run, named.
     */
    public static void services(ConfiguredTarget target) throws InterruptedException {
        for (ConfiguredTarget service : target.namedServices()) {
            check(service);
        }
    }

    private static Optional<String> check(ConfiguredTarget target) throws InterruptedException {
        var definition = target.definition();
        if (definition.ready().enabled()) {
            ReadinessProbe probe = new ReadinessProbe(
                    target.resolve(target.readyPath()), Duration.ofSeconds(5), HttpClientSetup.forTarget(target));
            try {
                // A problem only a setting fixes (TLS trust, a gate, the proxy) fails at once, naming the key.
                ReadinessWait.await(probe, definition.ready(), () -> {
                    if (probe.lastProblemNeedsASetting()) {
                        throw new TargetCheckException(target.label() + " is not ready: " + probe.lastProblem());
                    }
                });
            } catch (ReadinessWait.NotReadyException e) {
                throw new TargetCheckException(target.label() + " is not ready: it " + e.getMessage()
                        + ". Check that its server (and the proxy in front of it) is up, or raise staging-target.targets."
                        + target.name() + ".ready.timeout.");
            }
        }
        return VersionCheck.verify(target, target.version());
    }
}
