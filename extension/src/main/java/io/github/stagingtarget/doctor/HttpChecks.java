package io.github.stagingtarget.doctor;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.http.ReadinessProbe;
import io.github.stagingtarget.http.TargetCheckException;
import io.github.stagingtarget.http.VersionCheck;
import io.github.stagingtarget.secrets.SecretMask;
import java.time.Duration;

/** Readiness and version, asked once each (the doctor reports; it does not wait). */
final class HttpChecks {

    private HttpChecks() {}

    static CheckResult ready(ConfiguredTarget target) {
        var ready = target.definition().ready();
        ReadinessProbe probe = new ReadinessProbe(target.resolve(ready.path()), Duration.ofSeconds(5));
        try {
            long start = System.nanoTime();
            if (probe.isReady()) {
                return CheckResult.ok(
                        "ready",
                        SecretMask.redact(probe.url().toString()) + " answered in "
                                + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
            return CheckResult.fail(
                    "ready",
                    SecretMask.redact(probe.url().toString()) + ": " + probe.lastProblem(),
                    "start the server (and the proxy in front of it), or fix base-url / ready.path");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("ready", "interrupted", null);
        }
    }

    static CheckResult version(ConfiguredTarget target) {
        var version = target.definition().version();
        if (version.path().isEmpty()) {
            return CheckResult.ok("version", "not checked (no version.path)");
        }
        try {
            String deployed =
                    VersionCheck.deployedVersion(target, version.path().get());
            if (!version.isChecked()) {
                return CheckResult.ok(
                        "version", "deployed '" + deployed + "' (not compared: version.expected is unset)");
            }
            VersionCheck.verify(target, version);
            return CheckResult.ok("version", "deployed '" + deployed + "' is the expected build");
        } catch (TargetCheckException e) {
            return CheckResult.fail("version", e.getMessage(), "deploy the expected build, or unset version.expected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("version", "interrupted", null);
        }
    }
}
