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

    /** {@code ready}, or {@code ready api} for a named service. */
    private static String name(String check, ConfiguredTarget target) {
        return target.serviceName().map(service -> check + " " + service).orElse(check);
    }

    static CheckResult ready(ConfiguredTarget target) {
        String name = name("ready", target);
        ReadinessProbe probe = new ReadinessProbe(target.resolve(target.readyPath()), Duration.ofSeconds(5));
        try {
            long start = System.nanoTime();
            if (probe.isReady()) {
                return CheckResult.ok(
                        name,
                        SecretMask.redact(probe.url().toString()) + " answered in "
                                + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
            return CheckResult.fail(
                    name,
                    SecretMask.redact(probe.url().toString()) + ": " + probe.lastProblem(),
                    "start the server (and the proxy in front of it), or fix "
                            + target.serviceName()
                                    .map(service -> "services." + service + ".")
                                    .orElse("")
                            + "base-url / ready.path");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(name, "interrupted", null);
        }
    }

    static CheckResult version(ConfiguredTarget target) {
        String name = name("version", target);
        var version = target.version();
        if (version.path().isEmpty()) {
            return CheckResult.ok(name, "not checked (no version.path)");
        }
        try {
            String deployed =
                    VersionCheck.deployedVersion(target, version.path().get());
            if (!version.isChecked()) {
                return CheckResult.ok(name, "deployed '" + deployed + "' (not compared: version.expected is unset)");
            }
            VersionCheck.verify(target, version);
            return CheckResult.ok(name, "deployed '" + deployed + "' is the expected build");
        } catch (TargetCheckException e) {
            return CheckResult.fail(name, e.getMessage(), "deploy the expected build, or unset version.expected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(name, "interrupted", null);
        }
    }
}
