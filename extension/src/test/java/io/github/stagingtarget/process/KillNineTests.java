package io.github.stagingtarget.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigUtil;
import io.github.stagingtarget.testsupport.BrowserProcesses;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Survivors;
import io.github.stagingtarget.testsupport.TinyHttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise: no orphan process, even after {@code kill -9} of the test JVM. A real JVM runs a
 * test through the extension, with an application started by {@code launch.command} (which starts
 * children of its own, one of them a daemon that leaves the tree) and a headless Chromium, and is killed
 * with SIGKILL in the middle of the test. A process the test started by itself stays: the run ends only
 * what it started.
 */
class KillNineTests {

    @TempDir
    Path dir;

    @Test
    void killingTheTestJvmLeavesNoProcessOfTheRunBehind() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "needs /usr/bin/chromium");
        String script = String.join(
                "\n",
                "sleep 600 & echo $! > child",
                "(sleep 601 & echo $! > orphan)",
                "setsid sleep 602 & echo $! > daemon",
                "exec \"$JAVA\" -cp \"$CP\" \"$SERVER\" \"$0\"");
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:{port}/"
                  ready { path = "/health", timeout = 60s, interval = 50ms }
                  launch {
                    command = ["sh", "-c", %s, "{port}"]
                    working-directory = "%s"
                    log-file = "%s"
                    env { JAVA = "%s", CP = "%s", SERVER = "%s" }
                  }
                }
                """.formatted(
                        ConfigUtil.quoteString(script),
                        dir,
                        dir.resolve("app.log"),
                        java(),
                        classPath(),
                        TinyHttpServer.class.getName()));
        Process run = new ProcessBuilder(
                        java(), "-cp", classPath(), KilledRunScenario.class.getName(), config.toString())
                .redirectErrorStream(true)
                .start();
        Set<Long> pids = new LinkedHashSet<>();
        List<String> browsers = new ArrayList<>();
        Optional<ProcessHandle> unrelated = Optional.empty();
        try {
            String output = awaitLine(run, "ready", Duration.ofSeconds(120));
            assertThat(output).as("the run's output").endsWith("ready");
            run.descendants().forEach(process -> {
                pids.add(process.pid());
                if (process.info().command().orElse("").contains("chrom")) {
                    browsers.add(process.info().command().orElse("?"));
                }
            });
            for (String name : List.of("child", "orphan", "daemon")) {
                pids.add(Survivors.readPid(dir.resolve(name)));
            }
            // Processes that left the tree on their own (Chromium's crash handler double-forks) carry the
            // run's marker: find them all by the marker the app's process got.
            String marker = markerOf(Survivors.readPid(dir.resolve("child")));
            String runPrefix = marker.substring(0, marker.lastIndexOf('-') + 1);
            ProcFs.processes().keySet().stream()
                    .filter(pid -> ProcFs.hasEnvironmentEntry(pid, entry -> entry.startsWith(runPrefix)))
                    .forEach(pids::add);
            assertThat(browsers).as("chromedriver and chromium run").anyMatch(c -> c.endsWith("chromedriver"));
            assertThat(browsers).anyMatch(c -> c.endsWith("chromium"));
            assertThat(ProcessSupervisorCount.of(run))
                    .as("one supervisor for the run")
                    .isEqualTo(1);

            // Started by the test itself, not by the extension: not the run's to end.
            unrelated = ProcessHandle.of(Survivors.readPid(dir.resolve("unrelated")));
            assertThat(unrelated).as("the test's own process").isPresent();
            pids.remove(unrelated.get().pid());

            run.destroyForcibly(); // SIGKILL: no shutdown hook, no JUnit cleanup
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(Survivors.of(pids, Duration.ofSeconds(30)))
                    .as("processes of the killed run still running")
                    .isEmpty();
            assertThat(unrelated.get().isAlive())
                    .as("a process the run did not start, after the run's processes ended")
                    .isTrue();
        } finally {
            run.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            unrelated.ifPresent(ProcessHandle::destroyForcibly);
        }
        assertThat(BrowserProcesses.alive()).isEmpty();
    }

    private static String markerOf(long pid) {
        String[] found = {null};
        ProcFs.hasEnvironmentEntry(pid, entry -> {
            if (entry.startsWith(ProcessTree.MARKER + "=")) {
                found[0] = entry;
                return true;
            }
            return false;
        });
        assertThat(found[0]).as("the marker of pid %d", pid).isNotNull();
        return found[0];
    }

    /** Reads the process's output until a line equals {@code expected}; returns everything read. */
    private static String awaitLine(Process process, String expected, Duration timeout) throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    seen.append(line).append('\n');
                    if (line.equals(expected)) {
                        return seen.toString().trim();
                    }
                }
            } catch (IOException e) {
                seen.append(e);
            }
            return seen.toString().trim();
        });
        try {
            return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no line '" + expected + "' within " + timeout + "; output so far:\n" + seen, e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** How many supervisor processes a JVM started. */
    private static final class ProcessSupervisorCount {
        static long of(Process jvm) {
            return jvm.descendants()
                    .filter(process -> process.info().commandLine().orElse("").contains(Supervisor.class.getName()))
                    .count();
        }
    }
}
