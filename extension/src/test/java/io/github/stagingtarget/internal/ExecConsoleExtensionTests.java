package io.github.stagingtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.ExecTargets;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Fixtures, sessions and server logs through the extension with {@code console.type = exec}: the fixture
 * classes of {@link ServerFixturesTests}, reached through a wrapper script (any user) and through {@code runuser}
 * into a user of its own (root only).
 */
class ExecConsoleExtensionTests {

    @TempDir
    Path dir;

    private Path work;

    @AfterEach
    void delete() {
        if (work != null && !work.startsWith(dir)) {
            ExecTargets.delete(work);
        }
    }

    private Path config(String kind) throws Exception {
        List<String> command;
        if (kind.equals("runuser")) {
            ExecTargets.assumeRoot("runuser");
            work = ExecTargets.userDirectory("exec-extension");
            command = ExecTargets.runuser();
        } else {
            work = dir;
            // Counts its runs: one per round trip to the target.
            command = List.of("sh", "-c", "echo run >> '" + dir + "/runs'; exec \"$@\"", "wrapper", "sh", "-s");
        }
        Path log = Files.writeString(work.resolve("app.log"), "old line\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  # Only the console is real here: no web server to wait for.
                  base-url = "http://127.0.0.1:1/"
                  ready.enabled = false
                  console.command = [%s]
                  fixtures {
                    allowed = true
                    reset = "cd '%s' && echo reset >> fixture.log"
                    seed = "cd '%s' && cat {file} >> fixture.log"
                  }
                  session { command = "echo ignored-line; echo key-for-{email}", cookie-name = "todo_session" }
                  logs = ["%s/app.log"]
                }
                """.formatted(
                        command.stream()
                                .map(word -> "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                                .collect(Collectors.joining(", ")),
                        work,
                        work,
                        work));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"env", "runuser"})
    void fixturesRunInOneRoundTripThroughTheWrapper(String kind) throws Exception {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(kind), "staging", ServerFixturesTests.ResetAndSeedTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(Files.readString(work.resolve("fixture.log")))
                .isEqualTo(
                        "reset\n[{\"email\":\"ada@example.com\"}]\nit's $(touch pwned) `touch pwned`; touch pwned\n");
        assertThat(work.resolve("pwned")).doesNotExist();
        if (kind.equals("env")) {
            // Reset, both uploads and both seeds in one run of the wrapper; one more holds the run lock for the
            // run, and the last marks the server log.
            assertThat(Files.readAllLines(dir.resolve("runs"))).hasSize(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"env", "runuser"})
    void preAuthenticatedAndOnDemandSessionsComeThroughTheWrapper(String kind) throws Exception {
        EngineExecutionResults results = StagingTargetTestKit.run(
                config(kind),
                "staging",
                ServerFixturesTests.PreAuthenticatedTestCase.class,
                ServerFixturesTests.SessionTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
        assertThat(work.resolve("pwned")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"env", "runuser"})
    void aFailedTestPublishesTheServerLogLinesItCaused(String kind) throws Exception {
        EngineExecutionResults results = StagingTargetTestKit.run(
                config(kind),
                "staging",
                Map.of(ServerFixturesTests.WORK_DIR, work.toString()),
                ServerFixturesTests.LoggingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        List<Event> files = results.allEvents().fileEntryPublished().list();
        assertThat(files).hasSize(1);
        FileEntry entry = files.get(0).getPayload(FileEntry.class).orElseThrow();
        assertThat(Files.readString(entry.getPath())).isEqualTo("during failing test\n");
    }

    @Test
    void aWrapperThatCannotStartTheShellFailsTheRunOnceAndSkipsTheOtherClasses() {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:1/"
                  ready.enabled = false
                  console.command = ["sh", "-c", "echo 'error: context \\"ci\\" does not exist' >&2; exit 1"]
                  fixtures { allowed = true, reset = "true", seed = "true {file}" }
                }
                """);

        EngineExecutionResults results = StagingTargetTestKit.run(
                config,
                "staging",
                ServerFixturesTests.ResetAndSeedTestCase.class,
                ServerFixturesTests.ResetOnlyTestCase.class);

        String failed = "The console command of target 'staging' (exec 'sh' '-c' 'echo '\\''error: context \"ci\" does "
                + "not exist'\\'' >&2; exit 1') exited with code 1 before its shell started";
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(ServerFixturesTests.ResetAndSeedTestCase.class),
                                finishedWithFailure(message(m ->
                                        m.startsWith(failed) && m.contains("error: context \"ci\" does not exist")))))
                .haveExactly(
                        1,
                        event(
                                container(ServerFixturesTests.ResetOnlyTestCase.class),
                                abortedWithReason(message(m -> m.startsWith(RunFailures.ABORT_PREFIX + failed)))));
    }
}
