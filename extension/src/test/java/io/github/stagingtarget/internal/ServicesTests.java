package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.LoopbackHttp.respond;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.assertOneContainerFailed;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.firstFailure;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.Service;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.LoopbackHttp;
import io.github.stagingtarget.testsupport.Ports;
import io.github.stagingtarget.testsupport.Seen;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Several services per target, through the extension: each is waited for and version-gated before the first
 * test (failing the run once, with the service named), and {@code @Service} picks one for a parameter.
 */
class ServicesTests {

    @RegisterExtension
    final Seen seen = Seen.open();

    private final List<String> apiRequests = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    private HttpServer web;
    private HttpServer api;

    @BeforeEach
    void startServers() throws IOException {
        web = server("web-1", "");
        api = server("api-7", "/v2");
        api.createContext("/v2/api-health", exchange -> {
            apiRequests.add(exchange.getRequestURI().getPath());
            respond(exchange, 200, "ok");
        });
    }

    /** A server answering {@code /health} and {@code /version} below {@code base}. */
    private static HttpServer server(String version, String base) throws IOException {
        HttpServer server = LoopbackHttp.create();
        server.createContext(base + "/health", exchange -> respond(exchange, 200, "ok"));
        server.createContext(base + "/version", exchange -> respond(exchange, 200, version + "\n"));
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        web.stop(0);
        api.stop(0);
    }

    private Path config(int apiPort, String apiExtra) {
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:%d/"
                  ready { path = "/health", timeout = 1s, interval = 50ms }
                  version { path = "/version", expected = "web-1" }
                  services.api {
                    base-url = "http://127.0.0.1:%d/v2/"
                    paths { lists = "/lists/", list = "/lists/{id}" }
                    %s
                  }
                }
                """.formatted(web.getAddress().getPort(), apiPort, apiExtra));
    }

    private Path config(String apiExtra) {
        return config(api.getAddress().getPort(), apiExtra);
    }

    @Test
    void serviceQualifiedParametersGetTheServiceAndTheOthersTheDefault() {
        run(config("ready.path = \"/api-health\""), "staging", seen.parameters(), InjectionTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));

        String webBase = "http://127.0.0.1:" + web.getAddress().getPort();
        String apiBase = "http://127.0.0.1:" + api.getAddress().getPort();
        assertThat(seen.values())
                .containsExactly(
                        URI.create(apiBase + "/v2/"),
                        apiBase + "/v2",
                        URI.create(webBase + "/"),
                        webBase,
                        URI.create(apiBase + "/v2/lists/7"),
                        URI.create(apiBase + "/v2/"));
        assertThat(apiRequests).as("the service's own ready.path").contains("/v2/api-health");
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class InjectionTestCase {

        private final Target apiFromConstructor;

        InjectionTestCase(@Service("api") Target api) {
            this.apiFromConstructor = api;
        }

        @Test
        void test(
                @Service("api") RequestSpecification api,
                RequestSpecification web,
                Target target,
                @Service("api") Target apiTarget,
                Seen seen) {
            seen.add(apiTarget.baseUri());
            seen.add(((FilterableRequestSpecification) api).getBaseUri()
                    + ((FilterableRequestSpecification) api).getBasePath());
            seen.add(target.baseUri());
            seen.add(((FilterableRequestSpecification) web).getBaseUri()
                    + ((FilterableRequestSpecification) web).getBasePath());
            seen.add(apiTarget.url("list", 7));
            seen.add(apiFromConstructor.baseUri());
        }
    }

    @Test
    void anUnknownServiceFailsTheParameterWithTheKnownOnes() {
        EngineExecutionResults results = run(config(""), "staging", UnknownServiceTestCase.class);

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(firstFailure(results.testEvents()))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@Service(\"apii\") on parameter 0 (RequestSpecification) of "
                        + UnknownServiceTestCase.class.getName() + ".test: Unknown service 'apii' of target "
                        + "'staging'. Its services: api (besides its base-url, the default service, which needs no "
                        + "name). Add it as staging-target.targets.staging.services.apii { base-url = "
                        + "\"https://...\" }.");
    }

    @StagingTarget
    static class UnknownServiceTestCase {
        @Test
        void test(@Service("apii") RequestSpecification api) {}
    }

    @Test
    void aServiceOnAParameterOfAnotherTypeIsRefused() {
        EngineExecutionResults results = run(config(""), "staging", ServiceOnConsoleTestCase.class);

        assertThat(firstFailure(results.testEvents()))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@Service(\"api\") on parameter 0 (ServerConsole) of "
                        + ServiceOnConsoleTestCase.class.getName() + ".test is not supported: @Service picks a "
                        + "service for parameters of type io.github.stagingtarget.Target or "
                        + "io.restassured.specification.RequestSpecification, but this one is a "
                        + "io.github.stagingtarget.console.ServerConsole. Remove it.");
    }

    @StagingTarget
    static class ServiceOnConsoleTestCase {
        @Test
        void test(@Service("api") ServerConsole console) {}
    }

    @Test
    void aServiceThatIsDownFailsTheRunOnceNamingTheService() throws IOException {
        int closed = Ports.closed();

        EngineExecutionResults results = run(
                config(closed, ""),
                "staging",
                TargetOnlyTestCases.FirstTestCase.class,
                TargetOnlyTestCases.SecondTestCase.class);

        assertOneContainerFailed(
                        results,
                        message(m -> m.matches("Service 'api' of target 'staging' is not ready: it did not answer "
                                + "http://127\\.0\\.0\\.1:" + closed + "/v2/health within 1\\.0 s \\(last: "
                                + "ConnectException.*\\)\\. Check that its server .* or raise "
                                + "staging-target\\.targets\\.staging\\.ready\\.timeout\\.")))
                .haveExactly(1, event(container(), abortedWithReason()));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void aServiceRunningAnotherBuildFailsTheRunOnceWithItsKey() {
        EngineExecutionResults results = run(
                config("version { path = \"/version\", expected = \"api-8\" }"),
                "staging",
                TargetOnlyTestCases.FirstTestCase.class,
                TargetOnlyTestCases.SecondTestCase.class);

        assertOneContainerFailed(
                        results,
                        message(m -> m.matches("Service 'api' of target 'staging' runs version 'api-7' \\(from "
                                + "http://127\\.0\\.0\\.1:\\d+/v2/version\\), but the tests expect 'api-8' \\("
                                + "staging-target\\.targets\\.staging\\.services\\.api\\.version\\.expected, "
                                + ".*staging-target-.*\\.conf: 8\\)\\. Deploy the expected build first.*")))
                .haveExactly(1, event(container(), abortedWithReason()));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void everyServiceAtItsExpectedBuildIsTested() {
        run(
                        config("version { path = \"/version\", expected = \"api-7\" }"),
                        "staging",
                        TargetOnlyTestCases.FirstTestCase.class,
                        TargetOnlyTestCases.SecondTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(2));
    }
}
