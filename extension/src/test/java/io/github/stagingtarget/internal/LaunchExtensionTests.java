package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.TinyHttpServer;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class LaunchExtensionTests {

    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private Path config(String mode) {
        SEEN.clear();
        return ConfigFiles.write(
                dir, """
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:{port}/app/"
                  paths.greeting = "/greetings/{name}"
                  ready { path = "/app/health", timeout = 3s, interval = 50ms }
                  launch {
                    main-class = "%s"
                    args = ["{port}", "%s"]
                    env.PID_FILE = "%s"
                    log-file = "%s"
                  }
                }
                """.formatted(TinyHttpServer.class.getName(), mode, dir.resolve("pid"), dir.resolve("app.log")));
    }

    private long pid() throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("pid")));
    }

    @Test
    void launchesOnceForTheRunServesTheTestsAndStopsAfterwards() throws Exception {
        EngineExecutionResults results = run(config("serve"), "local", ApiTestCase.class, OtherApiTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(SEEN).hasSize(4);
        assertThat(SEEN.get(0)).isEqualTo(SEEN.get(2)).as("one application for both classes");
        assertThat(SEEN.get(1)).isEqualTo(SEEN.get(3));
        assertThat(((URI) SEEN.get(0)).getPort()).isPositive();
        assertThat((String) SEEN.get(1)).isEqualTo("hello from /app/greetings/J%C3%BCrgen%20M");
        assertThat(ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false))
                .as("the launched application is gone after the run")
                .isFalse();
    }

    @StagingTarget
    static class ApiTestCase {
        @Test
        void greets(Target target, RequestSpecification api) {
            SEEN.add(target.baseUri());
            SEEN.add(api.get(target.path("greeting"), "Jürgen M")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
    }

    @StagingTarget
    static class OtherApiTestCase {
        @Test
        void greetsThroughTheBasePath(Target target, RequestSpecification api) {
            SEEN.add(target.baseUri());
            SEEN.add(api.urlEncodingEnabled(false)
                    .get("/greetings/J%C3%BCrgen%20M")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
    }

    @Test
    void crashingApplicationFailsTheRunOnceWithItsLogAndIsStartedOnlyOnce() throws Exception {
        EngineExecutionResults results = run(config("crash"), "local", ApiTestCase.class, OtherApiTestCase.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(),
                                finishedWithFailure(
                                        message(
                                                m -> m.matches(
                                                        "(?s)The application for target 'local' exited with code 3 before .*cannot open database.*")))))
                .haveExactly(
                        1,
                        event(
                                container(),
                                abortedWithReason(message(m -> m.matches(
                                        "(?s)Not run because StagingTarget could not start .*exited with code 3.*")))));
        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(Files.readAllLines(dir.resolve("app.log")))
                .filteredOn(line -> line.startsWith("TinyHttpServer starting"))
                .as("started once, the failure is remembered for the second class")
                .hasSize(1);
    }
}
