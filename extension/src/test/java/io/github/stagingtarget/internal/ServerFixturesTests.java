package io.github.stagingtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.PreAuthenticated;
import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.fixtures.FixtureException;
import io.github.stagingtarget.session.SessionKey;
import io.github.stagingtarget.session.Sessions;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.ConfigurationValue;
import io.github.stagingtarget.testsupport.EmbeddedSshServer;
import io.github.stagingtarget.testsupport.SshKeys;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Fixtures, sessions and server logs through the extension, against an embedded SSH server. */
class ServerFixturesTests {

    @TempDir
    Path dir;

    private EmbeddedSshServer server;
    private Path key;
    private Path knownHosts;

    /** The fixture classes get it as a configuration parameter of their run. */
    static final String WORK_DIR = "stagingtarget.test.workdir";

    @BeforeEach
    void startServer() {
        key = SshKeys.generate(dir, "id_ed25519", "ed25519", "");
        server = EmbeddedSshServer.withKeys(EmbeddedSshServer.newHostKey(), SshKeys.publicKey(key));
        knownHosts = dir.resolve("known_hosts");
        server.writeKnownHosts(knownHosts);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private Path config(boolean allowed, String seed) {
        return config(allowed, seed, "[\"" + dir + "/app.log\"]");
    }

    private Path config(boolean allowed, String seed, String logs) {
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  # Only SSH is real here: no web server to wait for.
                  base-url = "http://127.0.0.1:1/"
                  ready.enabled = false
                  ssh { host = "127.0.0.1", port = %d, user = "%s", identity = "%s", known-hosts = "%s" }
                  fixtures {
                    allowed = %s
                    reset = "cd '%s' && echo reset >> fixture.log"
                    seed = "%s"
                  }
                  session { command = "echo ignored-line; echo key-for-{email}", cookie-name = "todo_session" }
                  logs = %s
                  # These tests count channels and commands; the run lock's own channel is tested in runlock/.
                  run-lock.mode = off
                }
                """.formatted(
                        server.port(),
                        EmbeddedSshServer.USER,
                        key,
                        knownHosts,
                        allowed,
                        dir,
                        seed.replace("DIR", dir.toString()),
                        logs));
    }

    private static final String APPEND_SEED = "cd 'DIR' && cat {file} >> fixture.log";

    @Test
    void resetAndAllSeedsOfAClassRunInOneChannel() throws Exception {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(true, APPEND_SEED, "[]"), "staging", ResetAndSeedTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(Files.readString(dir.resolve("fixture.log")))
                .isEqualTo(
                        "reset\n[{\"email\":\"ada@example.com\"}]\nit's $(touch pwned) `touch pwned`; touch pwned\n");
        // One channel for reset + two seeds (with both uploads), no other command.
        assertThat(server.commands()).hasSize(1).first().asString().endsWith(" sh -s");
        assertThat(server.channels()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @StagingTarget
    @ResetDatabase
    @Seed({"fixtures/users.json", "fixtures/lists.json"})
    static class ResetAndSeedTestCase {
        @Test
        void runs() {}
    }

    @Test
    void unreachableServerFailsTheRunOnceAndSkipsTheOtherClasses() throws Exception {
        Path config = config(true, APPEND_SEED, "[]");
        int port = server.port();
        server.close();

        EngineExecutionResults results =
                StagingTargetTestKit.run(config, "staging", ResetAndSeedTestCase.class, ResetOnlyTestCase.class);

        String refused = "Cannot connect to target 'staging' at " + EmbeddedSshServer.USER + "@127.0.0.1:" + port
                + " over SSH: connection refused";
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(ResetAndSeedTestCase.class),
                                finishedWithFailure(message(m -> m.startsWith(refused)))))
                .haveExactly(
                        1,
                        event(
                                container(ResetOnlyTestCase.class),
                                abortedWithReason(message(m -> m.startsWith(RunFailures.ABORT_PREFIX + refused)))));
    }

    @StagingTarget
    @ResetDatabase
    static class ResetOnlyTestCase {
        @Test
        void runs() {}
    }

    @Test
    void guardRefusesBeforeAnythingIsUploadedOrRun() {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(false, APPEND_SEED), "staging", MethodResetTestCase.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(MethodResetTestCase.class),
                                finishedWithFailure(
                                        instanceOf(FixtureException.class),
                                        message(
                                                m -> m.startsWith(
                                                        "Fixtures for method MethodResetTestCase.resets() are refused: target 'staging' does not allow "
                                                                + "destructive fixtures (@ResetDatabase, @Seed), and nothing was run. If resetting this "
                                                                + "target's data is really intended, set staging-target.targets.staging.fixtures.allowed = true")))));
        assertThat(server.connections()).isZero();
        assertThat(dir.resolve("fixture.log")).doesNotExist();
    }

    @StagingTarget
    static class MethodResetTestCase {
        @Test
        void plain() {}

        @Test
        @ResetDatabase
        void resets() {}
    }

    @Test
    void methodFixturesRunBeforeEachAnnotatedTest() throws Exception {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(true, APPEND_SEED), "staging", MethodResetTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2));
        assertThat(Files.readString(dir.resolve("fixture.log"))).isEqualTo("reset\n");
    }

    @Test
    void failingSeedNamesTheStepCommandExitCodeAndStderr() {
        String failing = "cd 'DIR' && cat {file} > /dev/null && echo 'no such table: users' >&2 && exit 3";
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(true, failing), "staging", ResetAndSeedTestCase.class);

        Throwable failure = StagingTargetTestKit.firstFailure(results.containerEvents());
        assertThat(failure).isInstanceOf(FixtureException.class);
        assertThat(failure.getMessage())
                .startsWith("Fixtures for class " + ResetAndSeedTestCase.class.getName() + " failed at step 4 of 5 on "
                        + "target 'staging' (ssh tester@127.0.0.1:" + server.port() + ") with exit code 3: seed "
                        + "fixtures/users.json: cd '" + dir + "' && cat \"$dir\"/'1-users.json' > /dev/null")
                .contains("no such table: users")
                .doesNotContain("staging-target-failed-step");
    }

    @Test
    void sessionKeysComeFromTheConfiguredCommandWithTheEmailQuoted() {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(true, APPEND_SEED), "staging", SessionTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @StagingTarget
    static class SessionTestCase {
        @Test
        void createsAKey(Sessions sessions) {
            String hostile = "o'hara$(touch pwned)`touch pwned`;touch pwned@example.com";
            SessionKey key = sessions.create(hostile);
            assertThat(key.cookieName()).isEqualTo("todo_session");
            assertThat(key.value()).isEqualTo("key-for-" + hostile);
            assertThat(key.toString()).doesNotContain("key-for");
        }
    }

    @Test
    void preAuthenticatedSessionsRideInTheFixtureRoundTrip() {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(true, APPEND_SEED, "[]"), "staging", PreAuthenticatedTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        // Reset, two seeds and both sessions: one channel. The second create("ada") runs the command itself.
        assertThat(server.channels()).isEqualTo(2);
        assertThat(server.commands().get(0)).endsWith(" sh -s");
        assertThat(server.inputs().get(1)).contains("echo key-for-").contains("ada@example.com");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @StagingTarget
    @ResetDatabase
    @Seed({"fixtures/users.json", "fixtures/lists.json"})
    @PreAuthenticated({"ada@example.com", "o'hara$(touch pwned)@example.com"})
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PreAuthenticatedTestCase {
        @Test
        @Order(1)
        void getsTheKeysMadeAhead(Sessions sessions) {
            assertThat(sessions.create("ada@example.com").value()).isEqualTo("key-for-ada@example.com");
            assertThat(sessions.create("o'hara$(touch pwned)@example.com").value())
                    .isEqualTo("key-for-o'hara$(touch pwned)@example.com");
        }

        @Test
        @Order(2)
        void laterKeysAreNewOnes(Sessions sessions) {
            assertThat(sessions.create("ada@example.com").value()).isEqualTo("key-for-ada@example.com");
        }
    }

    @Test
    void preAuthenticatedSessionsAreNotRefusedByTheGuard() {
        EngineExecutionResults results = StagingTargetTestKit.run(
                config(false, APPEND_SEED, "[]"), "staging", PreAuthenticatedOnlyTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(server.channels()).isEqualTo(1);
    }

    @StagingTarget
    @PreAuthenticated("ada@example.com")
    static class PreAuthenticatedOnlyTestCase {
        @Test
        void test(Sessions sessions) {
            assertThat(sessions.create("ada@example.com").value()).isEqualTo("key-for-ada@example.com");
        }
    }

    @Test
    void seedFileNamesCannotInjectCommands() throws Exception {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(true, APPEND_SEED), "staging", HostileNameTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(Files.readString(dir.resolve("fixture.log"))).isEqualTo("[{\"email\":\"ada@example.com\"}]\n");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @StagingTarget
    @Seed("fixtures/we'ird $(touch pwned) `touch pwned`;x.json")
    static class HostileNameTestCase {
        @Test
        void runs() {}
    }

    @Test
    void failedTestPublishesTheServerLogLinesItCaused() throws Exception {
        Files.writeString(dir.resolve("app.log"), "old line\n");

        EngineExecutionResults results = StagingTargetTestKit.run(
                config(true, APPEND_SEED), "staging", Map.of(WORK_DIR, dir.toString()), LoggingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        List<Event> files = results.allEvents().fileEntryPublished().list();
        assertThat(files).hasSize(1);
        FileEntry entry = files.get(0).getPayload(FileEntry.class).orElseThrow();
        assertThat(entry.getPath().getFileName().toString())
                .isEqualTo("server-log-" + (dir + "/app.log").substring(1).replace('/', '_') + ".txt");
        assertThat(Files.readString(entry.getPath())).isEqualTo("during failing test\n");
    }

    @StagingTarget
    static class LoggingTestCase {
        @Test
        void passes(ServerConsole console, @ConfigurationValue(WORK_DIR) String workDir) {
            console.run("echo 'during passing test' >> '" + workDir + "/app.log'")
                    .requireSuccess();
        }

        @Test
        void fails(ServerConsole console, @ConfigurationValue(WORK_DIR) String workDir) {
            console.run("echo 'during failing test' >> '" + workDir + "/app.log'")
                    .requireSuccess();
            throw new AssertionError("boom");
        }
    }

    @Test
    void classesThatChangeDataLockTheDatabaseExclusively() {
        FixtureLocks locks = new FixtureLocks();
        assertThat(locks.provideForClass(ResetAndSeedTestCase.class))
                .containsExactly(new Lock(FixtureLocks.DATABASE, ResourceAccessMode.READ_WRITE));
        assertThat(locks.provideForClass(MethodResetTestCase.class))
                .containsExactly(new Lock(FixtureLocks.DATABASE, ResourceAccessMode.READ_WRITE));
        assertThat(locks.provideForClass(SessionTestCase.class))
                .containsExactly(new Lock(FixtureLocks.DATABASE, ResourceAccessMode.READ));
    }

    @Test
    void sessionsAloneShareTheDatabaseLockOnClassesAndMethodsAlike() {
        // One rule, the plan's "destructive", for class- and method-level annotations.
        FixtureLocks locks = new FixtureLocks();
        assertThat(locks.provideForClass(PreAuthenticatedOnlyTestCase.class))
                .containsExactly(new Lock(FixtureLocks.DATABASE, ResourceAccessMode.READ));
        assertThat(locks.provideForClass(MethodSessionTestCase.class))
                .containsExactly(new Lock(FixtureLocks.DATABASE, ResourceAccessMode.READ));
        assertThat(locks.provideForClass(MethodSeedTestCase.class))
                .containsExactly(new Lock(FixtureLocks.DATABASE, ResourceAccessMode.READ_WRITE));
    }

    @StagingTarget
    static class MethodSessionTestCase {
        @Test
        @PreAuthenticated("ada@example.com")
        void test() {}
    }

    @StagingTarget
    static class MethodSeedTestCase {
        @Test
        @Seed("fixtures/users.json")
        void test() {}
    }

    @Test
    void fixtureAnnotationsOnAMethodThatIsNotATestAreAnError() {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(true, APPEND_SEED, "[]"), "staging", BeforeEachResetTestCase.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(BeforeEachResetTestCase.class),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message("@ResetDatabase @Seed on method BeforeEachResetTestCase.setUp(), "
                                                + "which is not a test: fixtures run before all tests of a class (on "
                                                + "the class) or before one test (on a test method); anywhere else "
                                                + "they would do nothing. Move the annotation to the class or to the "
                                                + "test methods that need it"))));
        assertThat(server.connections()).isZero();
    }

    @StagingTarget
    static class BeforeEachResetTestCase {
        @BeforeEach
        @ResetDatabase
        @Seed("fixtures/users.json")
        void setUp() {}

        @Test
        void test() {}
    }

    @Test
    void fixtureAnnotationsWithoutStagingTargetAreAnError() {
        EngineExecutionResults results = StagingTargetTestKit.run(
                config(true, APPEND_SEED, "[]"),
                "staging",
                WithoutStagingTargetTestCase.class,
                MethodSeedWithoutStagingTargetTestCase.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(WithoutStagingTargetTestCase.class),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message("@ResetDatabase @PreAuthenticated on class "
                                                + WithoutStagingTargetTestCase.class.getName()
                                                + " does nothing without @StagingTarget, which runs fixtures: "
                                                + "annotate WithoutStagingTargetTestCase (or a class that encloses "
                                                + "it) with @StagingTarget"))));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("seeds"),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(m -> m.startsWith("@Seed on method "
                                                + "MethodSeedWithoutStagingTargetTestCase.seeds() does nothing without "
                                                + "@StagingTarget")))))
                .haveExactly(1, event(test("plain"), finishedSuccessfully()));
        assertThat(server.connections()).isZero();
    }

    @ResetDatabase
    @PreAuthenticated("ada@example.com")
    static class WithoutStagingTargetTestCase {
        @Test
        void test() {}
    }

    static class MethodSeedWithoutStagingTargetTestCase {
        @Test
        @Seed("fixtures/users.json")
        void seeds() {}

        @Test
        void plain() {}
    }

    @Test
    void fixtureAnnotationsOnANestedClassOfAStagingTargetClassRun() {
        EngineExecutionResults results =
                StagingTargetTestKit.run(config(false, APPEND_SEED, "[]"), "staging", OuterTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(server.channels()).isEqualTo(1);
    }

    @StagingTarget
    static class OuterTestCase {
        @Nested
        @PreAuthenticated("ada@example.com")
        class InnerTestCase {
            @Test
            void test(Sessions sessions) {
                assertThat(sessions.create("ada@example.com").value()).isEqualTo("key-for-ada@example.com");
            }
        }
    }

    @Test
    void aFixtureTimeoutNamesTheStepAndItsSettingAndShowsNoScriptAndNoKey() throws Exception {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:1/"
                  ready.enabled = false
                  ssh { host = "127.0.0.1", port = %d, user = "%s", identity = "%s", known-hosts = "%s" }
                  fixtures { allowed = true, reset = "true", seed = "cat {file} > /dev/null", timeout = 1s }
                  session.command = "case {email} in *slow*) sleep 30;; *) echo key-for-{email};; esac"
                }
                """.formatted(server.port(), EmbeddedSshServer.USER, key, knownHosts));

        EngineExecutionResults results = StagingTargetTestKit.run(config, "staging", SlowSessionTestCase.class);

        Throwable failure = StagingTargetTestKit.firstFailure(results.containerEvents());
        assertThat(failure).isInstanceOf(FixtureException.class);
        assertThat(failure.getMessage())
                .startsWith("Fixtures for class " + SlowSessionTestCase.class.getName() + " timed out after 1 s "
                        + "(staging-target.targets.staging.fixtures.timeout; raise it if the step needs longer) at "
                        + "step 5 of 5 and were stopped on target 'staging' (ssh tester@127.0.0.1:" + server.port()
                        + "): session for slow@example.com: case 'slow@example.com' in *slow*)")
                .contains("--- stdout (last 20 lines) ---" + System.lineSeparator() + "****")
                .doesNotContain("console.command-timeout")
                .doesNotContain("key-for-ada")
                .doesNotContain("printf")
                .doesNotContain("ada@example.com\"}]")
                .doesNotContain("staging-target-");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("key-for-ada").doesNotContain("printf");
    }

    @StagingTarget
    @ResetDatabase
    @Seed("fixtures/users.json")
    @PreAuthenticated({"ada@example.com", "slow@example.com"})
    static class SlowSessionTestCase {
        @Test
        void test() {}
    }
}
