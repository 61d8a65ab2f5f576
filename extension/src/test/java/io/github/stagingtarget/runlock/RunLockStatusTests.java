package io.github.stagingtarget.runlock;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.console.shell.LocalConsole;
import io.github.stagingtarget.secrets.SecretMask;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the doctor shows of the run lock, and who a run says it is. */
class RunLockStatusTests {

    @TempDir
    Path dir;

    private RunLockSettings settings(Duration wait) {
        return new RunLockSettings(
                RunLockSettings.Mode.FIXTURES, wait, dir.resolve("locks").toString(), "t.run-lock", "test.conf:1");
    }

    @Test
    void theStatusIsNeverTakenThenHeldByTheRunThenFreeWithItsLastHolder() {
        try (LocalConsole console =
                new LocalConsole("local", Optional.empty(), Map.of(), Duration.ofSeconds(30), new SecretMask())) {
            RunLockSettings settings = settings(Duration.ofSeconds(5));
            assertThat(RunLock.status(console, settings)).startsWith("free: ").endsWith(" was never taken");
            assertThat(dir.resolve("locks")).as("the status creates nothing").doesNotExist();

            RunOwner owner =
                    RunOwner.of("local", Map.of("CI_JOB_URL", "https://gitlab.example/j/7")::get, Instant.EPOCH);
            try (RunLock lock = RunLock.acquire(console, settings, owner, new SecretMask(), line -> {})) {
                assertThat(lock.isHeld()).isTrue();
                assertThat(lock.waitedFor()).isEmpty();
                assertThat(RunLock.status(console, settings))
                        .startsWith("held by " + owner.describe() + ": ")
                        .contains("waits up to 5 s");
            }
            assertThat(RunLock.status(console, settings)).startsWith("free: ").endsWith("; last held by " + owner);
        }
    }

    @Test
    void theOwnerNamesUserHostPidCiJobTargetAndSince() {
        String owner = RunOwner.of(
                        "staging",
                        Map.of(
                                "HOSTNAME", "runner-7",
                                "GITHUB_RUN_ID", "42",
                                "GITHUB_REPOSITORY", "o/r",
                                "GITHUB_WORKFLOW", "CI\nnext line")::get,
                        Instant.parse("2026-12-03T23:10:04.5Z"))
                .describe();
        assertThat(owner)
                .isEqualTo("user " + System.getProperty("user.name") + " on host runner-7 (pid "
                        + ProcessHandle.current().pid() + "), GitHub Actions run https://github.com/o/r/actions/runs/42"
                        + " (workflow CI next line), target 'staging', since 2026-12-03T23:10:04Z");
        assertThat(RunOwner.ciJob(Map.of("BUILD_URL", "https://jenkins/job/3/")::get))
                .contains("Jenkins build https://jenkins/job/3/");
        assertThat(RunOwner.ciJob(Map.<String, String>of()::get)).isEmpty();
    }
}
