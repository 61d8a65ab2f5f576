package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.StagingTargetTestKit.assertOneContainerFailed;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Seen;
import io.github.stagingtarget.testsupport.TinyHttpServer;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class LaunchExtensionTests {

    /** What this test's fixtures saw, apart from any other test's. */
    @RegisterExtension
    final Seen seen = Seen.open();

    @TempDir
    Path dir;

    private Path config(String mode) {
        return config(mode, "");
    }

    private Path config(String mode, String extra) {
        return ConfigFiles.write(dir, """
                staging-target.targets.local {
                  %s
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
                """.formatted(
                        extra, TinyHttpServer.class.getName(), mode, dir.resolve("pid"), dir.resolve("app.log")));
    }

    private long pid() throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("pid")));
    }

    @Test
    void launchesOnceForTheRunServesTheTestsAndStopsAfterwards() throws Exception {
        EngineExecutionResults results =
                run(config("serve"), "local", seen.parameters(), ApiTestCase.class, OtherApiTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(seen.values()).hasSize(4);
        assertThat(seen.values().get(0)).isEqualTo(seen.values().get(2)).as("one application for both classes");
        assertThat(seen.values().get(1)).isEqualTo(seen.values().get(3));
        assertThat(((URI) seen.values().get(0)).getPort()).isPositive();
        assertThat((String) seen.values().get(1)).isEqualTo("hello from /app/greetings/J%C3%BCrgen%20M");
        assertThat(results.allEvents().reportingEntryPublished().stream()
                        .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                                .getKeyValuePairs())
                        .filter(entry -> entry.containsKey("staging-target"))
                        .map(entry -> entry.get("staging-target")))
                .as("one run header, with the launched application's port")
                .singleElement()
                .asString()
                .contains("→ " + seen.values().get(0) + " · ");
        assertThat(ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false))
                .as("the launched application is gone after the run")
                .isFalse();
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class ApiTestCase {
        @Test
        void greets(Target target, RequestSpecification api, Seen seen) {
            seen.add(target.baseUri());
            seen.add(api.get(target.path("greeting"), "Jürgen M")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class OtherApiTestCase {
        @Test
        void greetsThroughTheBasePath(Target target, RequestSpecification api, Seen seen) {
            seen.add(target.baseUri());
            seen.add(api.urlEncodingEnabled(false)
                    .get("/greetings/J%C3%BCrgen%20M")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
    }

    @Test
    void crashingApplicationFailsTheRunOnceWithItsLogAndIsStartedOnlyOnce() throws Exception {
        EngineExecutionResults results =
                run(config("crash"), "local", seen.parameters(), ApiTestCase.class, OtherApiTestCase.class);

        assertOneContainerFailed(
                        results,
                        message(
                                m -> m.matches(
                                        "(?s)The application for target 'local' exited with code 3 before .*cannot open database.*")))
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

    @Test
    void aServiceOnTheLaunchedApplicationsPortIsInjectedWithThatPort() {
        run(
                        config(
                                "serve",
                                "services.api { base-url = \"http://127.0.0.1:{port}/api/\", ready.path = \"/\" }"),
                        "local",
                        seen.parameters(),
                        ServiceTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));

        URI base = (URI) seen.values().get(0);
        assertThat(seen.values().get(1)).isEqualTo(URI.create("http://127.0.0.1:" + base.getPort() + "/api/"));
        assertThat(seen.values().get(2)).isEqualTo("hello from /api/lists");
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class ServiceTestCase {
        @Test
        void test(Target target, @io.github.stagingtarget.Service("api") RequestSpecification api, Seen seen) {
            seen.add(target.baseUri());
            seen.add(target.service("api").baseUri());
            seen.add(api.get("/lists").then().statusCode(200).extract().asString());
        }
    }

    @Test
    void aNamedServiceThatIsDownFailsTheRunOnceAndStopsTheApplication() throws Exception {
        int closed = io.github.stagingtarget.testsupport.Ports.closed();

        EngineExecutionResults results = run(
                config("serve", "services.mail.base-url = \"http://127.0.0.1:" + closed + "/\""),
                "local",
                seen.parameters(),
                ApiTestCase.class,
                OtherApiTestCase.class);

        assertOneContainerFailed(
                        results,
                        message(m -> m.startsWith("Service 'mail' of target 'local' is not ready: it did not answer "
                                + "http://127.0.0.1:" + closed + "/app/health within 3.0 s")))
                .haveExactly(1, event(container(), abortedWithReason()));
        results.testEvents().assertStatistics(s -> s.started(0));
        assertThat(ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false))
                .as("the application started for the run is stopped when a service fails it")
                .isFalse();
    }
}
