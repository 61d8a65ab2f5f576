package io.github.stagingtarget.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.ConfiguredTarget;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Runs once before the first test against a remote target: waits until it is ready, then checks its
 * version. Failing here fails the run with one message, instead of every test timing out on its own.
 */
@API(status = INTERNAL, since = "0.1")
public final class RemoteTargetCheck {

    private RemoteTargetCheck() {}

    /** @return the deployed version, when a version check is configured */
    public static java.util.Optional<String> run(ConfiguredTarget target) throws InterruptedException {
        var definition = target.definition();
        if (definition.ready().enabled()) {
            ReadinessProbe probe =
                    new ReadinessProbe(target.resolve(definition.ready().path()), Duration.ofSeconds(5));
            try {
                ReadinessWait.await(probe, definition.ready(), () -> {});
            } catch (ReadinessWait.NotReadyException e) {
                throw new TargetCheckException("Target '" + target.name() + "' is not ready: it " + e.getMessage()
                        + ". Check that its server (and the proxy in front of it) is up, or raise staging-target.targets."
                        + target.name() + ".ready.timeout.");
            }
        }
        return VersionCheck.verify(target, definition.version());
    }
}
