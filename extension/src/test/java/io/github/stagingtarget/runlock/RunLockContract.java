package io.github.stagingtarget.runlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.ConfigurationValue;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

/**
 * The run lock through the extension, with real runs contending for it: a holding run (in this JVM, or a JVM of
 * its own that is killed with SIGKILL) keeps a class with {@code @ResetDatabase} running until told to end;
 * the second run waits, names it, gives up once, or goes ahead. Each console (local shell, real sshd) runs
 * the same contract through {@link #console}.
 */
abstract class RunLockContract {

    static final String WORK_DIR = "stagingtarget.test.workdir";

    @TempDir
    Path dir;

    private CompletableFuture<EngineExecutionResults> holder;

    /** The target's console and ssh keys, HOCON. */
    abstract String console();

    @AfterEach
    void releaseHolder() throws Exception {
        if (holder != null) {
            Files.writeString(dir.resolve("release"), "");
            holder.get(60, TimeUnit.SECONDS);
        }
    }

    Path config(String mode, String wait) {
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:1/"
                  ready.enabled = false
                  %s
                  fixtures {
                    allowed = true
                    reset = "echo reset >> '%s/fixture.log'"
                    seed = "cat {file} >> '%s/fixture.log'"
                  }
                  run-lock { mode = %s, wait = %s, directory = "%s/locks" }
                }
                """.formatted(console(), dir, dir, mode, wait, dir));
    }

    private Path config(String wait) {
        return config("fixtures", wait);
    }

    /** Starts a run in this JVM that takes the lock and holds it until {@link #releaseHolder}. */
    private void startHolder() throws Exception {
        Path config = config("fixtures", "10s");
        holder = CompletableFuture.supplyAsync(() ->
                StagingTargetTestKit.run(config, "staging", Map.of(WORK_DIR, dir.toString()), HoldingTestCase.class));
        awaitFile(dir.resolve("holding"), Duration.ofSeconds(60));
    }

    @Test
    void aSecondRunWaitsForTheFirstAndNamesIt() throws Exception {
        startHolder();
        Path config = config("60s");
        CompletableFuture<EngineExecutionResults> second = CompletableFuture.supplyAsync(
                () -> StagingTargetTestKit.run(config, "staging", ResettingTestCase.class));
        awaitWaiter();
        assertThat(second).as("the second run, while the first holds the lock").isNotDone();
        assertThat(Files.readAllLines(dir.resolve("fixture.log"))).containsExactly("reset");

        Files.writeString(dir.resolve("release"), "");
        EngineExecutionResults results = second.get(60, TimeUnit.SECONDS);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(Files.readAllLines(dir.resolve("fixture.log"))).containsExactly("reset", "reset");
        assertThat(reportEntries(results))
                .singleElement()
                .asString()
                .startsWith("waited ")
                .contains("for the run lock, held by " + thisRun());
    }

    @Test
    void aRunThatCannotGetTheLockInTimeFailsOnceNamingTheHolder() throws Exception {
        startHolder();
        long start = System.nanoTime();
        EngineExecutionResults results = StagingTargetTestKit.run(
                config("2s"), "staging", ResettingTestCase.class, SeedingTestCase.class, MethodResetTestCase.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        StagingTargetTestKit.assertOneContainerFailed(
                results,
                message(m -> m.startsWith("Could not take the run lock " + dir + "/locks/staging-target-run.lock")
                        && m.contains("within 2 s (staging-target.targets.staging.run-lock.wait")
                        && m.contains("another run holds it: " + thisRun())
                        && m.contains("Nothing of this run was reset or seeded")));
        results.allEvents()
                .assertThatEvents()
                .haveExactly(
                        2,
                        event(abortedWithReason(
                                instanceOf(TestAbortedException.class),
                                message(m -> m.contains("another run holds it")))));
        assertThat(Files.readAllLines(dir.resolve("fixture.log")))
                .as("only the holder reset")
                .containsExactly("reset");
    }

    @Test
    void aReadOnlyRunTakesNoLock() throws Exception {
        startHolder();
        EngineExecutionResults results = StagingTargetTestKit.run(config("1s"), "staging", ReadOnlyTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(reportEntries(results)).isEmpty();
    }

    @Test
    void modeAlwaysLocksEvenARunWithoutFixtures() throws Exception {
        startHolder();
        EngineExecutionResults results = StagingTargetTestKit.run(
                config("always", "1s"), "staging", ReadOnlyTestCase.class, ResettingTestCase.class);

        StagingTargetTestKit.assertOneContainerFailed(
                results, message(m -> m.contains("another run holds it: " + thisRun())));
        results.testEvents().assertStatistics(stats -> stats.succeeded(0).started(0));
    }

    @Test
    void modeOffResetsWithoutTheLock() throws Exception {
        startHolder();
        EngineExecutionResults results =
                StagingTargetTestKit.run(config("off", "1s"), "staging", ResettingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(Files.readAllLines(dir.resolve("fixture.log"))).containsExactly("reset", "reset");
    }

    @Test
    void theLockIsReleasedWhenTheRunEnds() throws Exception {
        Path config = config("1s");
        for (int run = 1; run <= 2; run++) {
            EngineExecutionResults results = StagingTargetTestKit.run(config, "staging", ResettingTestCase.class);
            results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        }
        assertThat(Files.readString(dir.resolve("locks/staging-target-run.holder")))
                .as("the holder's line, left for the next run to read")
                .startsWith("user " + System.getProperty("user.name") + " on host ")
                .contains("target 'staging', since 20");
    }

    @Test
    void killingTheHoldingJvmWithSigkillReleasesTheLock() throws Exception {
        Path holderConfig = config("fixtures", "10s");
        Process killed = new ProcessBuilder(
                        java(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHoldingRunScenario.class.getName(),
                        holderConfig.toString(),
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("holder.out").toFile())
                .start();
        try {
            awaitFile(dir.resolve("holding"), Duration.ofSeconds(120));
            assertThat(isHeld()).as("the lock, held by the run to be killed").isTrue();
            Path config = config("60s");
            CompletableFuture<EngineExecutionResults> second = CompletableFuture.supplyAsync(
                    () -> StagingTargetTestKit.run(config, "staging", ResettingTestCase.class));
            awaitWaiter();
            assertThat(second)
                    .as("the second run, while the killed run holds the lock")
                    .isNotDone();

            assertThat(killed.isAlive())
                    .as("the run to be killed, before the kill")
                    .isTrue();
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no JUnit cleanup, no close of the console
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            EngineExecutionResults results = second.get(60, TimeUnit.SECONDS);

            assertThat(Duration.ofNanos(System.nanoTime() - killedAt))
                    .as("from the kill to the end of the second run")
                    .isLessThan(Duration.ofSeconds(20));
            results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
            assertThat(reportEntries(results))
                    .as("report entries; the killed run's output:\n%s", Files.readString(dir.resolve("holder.out")))
                    .singleElement()
                    .asString()
                    .contains("held by user " + System.getProperty("user.name"))
                    .contains("(pid " + killed.pid() + "), target 'staging'");
        } finally {
            killed.destroyForcibly();
        }
    }

    /** Whether some process holds the lock file's flock: {@code flock -n} on it fails. */
    private boolean isHeld() throws Exception {
        Process probe = new ProcessBuilder(
                        "flock",
                        "-n",
                        dir.resolve("locks/staging-target-run.lock").toString(),
                        "true")
                .start();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return probe.exitValue() != 0;
    }

    private static List<String> reportEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(pairs -> pairs.containsKey("staging-target-run-lock"))
                .map(pairs -> pairs.get("staging-target-run-lock"))
                .toList();
    }

    /** The beginning of this JVM's line in the holder file. */
    private static String thisRun() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown";
            }
        }
        return "user " + System.getProperty("user.name") + " on host " + host + " (pid "
                + ProcessHandle.current().pid() + ")";
    }

    /**
     * Waits until a run waits for the lock: a {@code flock -w} process (the waiting script's child) has the lock
     * file open. Its script said who holds the lock before it started that process.
     */
    private void awaitWaiter() throws Exception {
        Path lock = dir.resolve("locks/staging-target-run.lock").toRealPath();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (var processes = Files.list(Path.of("/proc"))) {
                boolean waiting = processes
                        .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .anyMatch(p -> isFlockWith(p, lock));
                if (waiting) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no flock process waiting for " + lock);
    }

    private static boolean isFlockWith(Path process, Path lock) {
        try {
            if (!Files.readString(process.resolve("comm")).strip().equals("flock")) {
                return false;
            }
            try (var fds = Files.list(process.resolve("fd"))) {
                return fds.anyMatch(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).equals(lock);
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
        } catch (IOException e) {
            return false; // ended meanwhile
        }
    }

    static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + file + " after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @StagingTarget
    @ResetDatabase
    static class HoldingTestCase {
        @Test
        void holds(Target target, @ConfigurationValue(WORK_DIR) String workDir) throws Exception {
            Path dir = Path.of(workDir);
            Files.writeString(dir.resolve("holding"), "");
            awaitFile(dir.resolve("release"), Duration.ofMinutes(10));
        }
    }

    @StagingTarget
    @ResetDatabase
    static class ResettingTestCase {
        @Test
        void resets(Target target) {}
    }

    @StagingTarget
    @Seed("fixtures/users.json")
    static class SeedingTestCase {
        @Test
        void seeds(Target target) {}
    }

    @StagingTarget
    static class MethodResetTestCase {
        @Test
        @ResetDatabase
        void resets(Target target) {}
    }

    @StagingTarget
    static class ReadOnlyTestCase {
        @Test
        void reads(Target target) {}
    }

    /** A run that takes the lock and never ends: a JVM of its own, killed by the test. */
    public static final class LockHoldingRunScenario {
        public static void main(String[] args) throws IOException {
            var results = StagingTargetTestKit.run(
                    Path.of(args[0]), "staging", Map.of(WORK_DIR, args[1]), HoldingTestCase.class);
            // Only reached if the run ended before it was killed.
            System.out.println("the run ended before it was killed: "
                    + results.allEvents().failed().list());
        }
    }
}
