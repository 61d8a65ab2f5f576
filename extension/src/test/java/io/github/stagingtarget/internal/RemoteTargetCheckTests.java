package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.LoopbackHttp.respond;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.assertOneContainerFailed;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.LoopbackHttp;
import io.github.stagingtarget.testsupport.Ports;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Readiness and version checks of a remote target, against a local HTTP server standing in for staging. */
class RemoteTargetCheckTests {

    private static final String DEPLOYED = "3f2c9a1e5b7d4c6a8e0f1a2b3c4d5e6f7a8b9c0d";

    @TempDir
    Path dir;

    private HttpServer staging;

    @BeforeEach
    void startStaging() throws IOException {
        staging = LoopbackHttp.create();
        staging.createContext("/health", exchange -> respond(exchange, 200, "ok"));
        staging.createContext("/version", exchange -> respond(exchange, 200, DEPLOYED + "\n"));
        staging.start();
    }

    @AfterEach
    void stopStaging() {
        staging.stop(0);
    }

    private Path config(int port, String extra) {
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:%d/"
                  ready { path = "/health", timeout = 1s, interval = 50ms }
                  %s
                }
                """.formatted(port, extra));
    }

    private int port() {
        return staging.getAddress().getPort();
    }

    @Test
    void readyTargetWithTheExpectedVersionIsTested() {
        run(
                        config(port(), "version { path = \"/version\", expected = \"" + DEPLOYED + "\" }"),
                        "staging",
                        TargetOnlyTestCases.FirstTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void abbreviatedCommitMatches() {
        run(
                        config(port(), "version { path = \"/version\", expected = \"3F2C9A1\" }"),
                        "staging",
                        TargetOnlyTestCases.FirstTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void wrongBuildIsRefusedWithBothVersions() {
        EngineExecutionResults results = run(
                config(port(), "version { path = \"/version\", expected = \"9999999\" }"),
                "staging",
                TargetOnlyTestCases.FirstTestCase.class,
                TargetOnlyTestCases.SecondTestCase.class);

        assertOneContainerFailed(
                        results,
                        message(m -> m.matches("Target 'staging' runs version '" + DEPLOYED
                                + "' \\(from http://127\\.0\\.0\\.1:\\d+/version\\), "
                                + "but the tests expect '9999999' \\(staging-target\\.targets\\.staging\\.version\\.expected, "
                                + ".*staging-target-.*\\.conf: 4\\)\\. Deploy the expected build first.*")))
                .haveExactly(1, event(container(), abortedWithReason()));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void targetThatIsDownFailsTheRunOnceWithTheUrlAndLastError() throws IOException {
        int closedPort = Ports.closed();

        EngineExecutionResults results = run(
                config(closedPort, ""),
                "staging",
                TargetOnlyTestCases.FirstTestCase.class,
                TargetOnlyTestCases.SecondTestCase.class);

        assertOneContainerFailed(
                        results,
                        message(m ->
                                m.matches("Target 'staging' is not ready: it did not answer http://127\\.0\\.0\\.1:"
                                        + closedPort
                                        + "/health within 1\\.0 s \\(last: ConnectException.*\\)\\. Check that its server .*"
                                        + "or raise staging-target\\.targets\\.staging\\.ready\\.timeout\\.")))
                .haveExactly(1, event(container(), abortedWithReason()));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void readinessWaitCanBeSwitchedOffForRemoteTargets() throws IOException {
        int closedPort = Ports.closed();
        run(config(closedPort, "ready.enabled = false"), "staging", TargetOnlyTestCases.FirstTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
    }
}
