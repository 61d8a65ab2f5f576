package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.StagingTargetTestKit.assertOneContainerFailed;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.DisabledOnTarget;
import io.github.stagingtarget.EnabledOnTarget;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Seen;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import io.restassured.specification.RequestSpecification;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class StagingTargetExtensionTests {

    private static final String CONFIG = """
            staging-target {
              defaults.paths { home = "/", list = "/lists/{id}/" }
              # These hosts do not exist: no readiness wait.
              defaults.ready.enabled = false
              targets {
                local.base-url = "http://127.0.0.1:8000/"
                staging.base-url = "https://staging.example.com/shop/"
                production.base-url = "https://www.example.com/"
              }
            }
            """;

    /** What this test's fixtures saw, apart from any other test's. */
    @RegisterExtension
    final Seen seen = Seen.open();

    @TempDir
    Path dir;

    private Path config() {
        return ConfigFiles.write(dir, CONFIG);
    }

    @Test
    void injectsTargetBaseUriAndRequestSpecification() {
        run(config(), "staging", seen.parameters(), InjectionTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));

        assertThat(seen.values()).hasSize(5);
        Target target = (Target) seen.values().get(0);
        assertThat(target.name()).isEqualTo("staging");
        assertThat(target.isLocal()).isFalse();
        assertThat(seen.values().get(1)).isEqualTo(URI.create("https://staging.example.com/shop/"));
        assertThat(seen.values().get(2)).isEqualTo(URI.create("https://staging.example.com/shop/lists/7/"));
        assertThat(seen.values().get(3)).isEqualTo("https://staging.example.com/shop/");
        assertThat(seen.values().get(4)).as("a fresh spec per injection").isEqualTo(Boolean.TRUE);
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class InjectionTestCase {

        private final Target fromConstructor;

        InjectionTestCase(Target target) {
            this.fromConstructor = target;
        }

        @BeforeEach
        void before(Target target, Seen seen) {
            seen.add(fromConstructor);
            seen.add(target.baseUri());
        }

        @Test
        void test(Target target, RequestSpecification first, RequestSpecification second, Seen seen) {
            seen.add(target.url("list", Map.of("id", 7)));
            var spec = (io.restassured.specification.FilterableRequestSpecification) first;
            seen.add(spec.getBaseUri() + spec.getBasePath() + "/");
            seen.add(first != second);
        }
    }

    @Test
    void unknownTargetFailsTheRunOnceWithTheConfiguredTargets() {
        EngineExecutionResults results =
                run(config(), "nosuch", InjectionTestCase.class, NestedTestCase.class, ClassConditionTestCase.class);

        // The test kit sets the configuration parameter, not the system property: the message says which.
        String expected = "Unknown target 'nosuch' (chosen by JUnit configuration parameter 'target'). "
                + "Configured targets: local, production, staging (from file ";
        assertOneContainerFailed(
                        results,
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith(expected)))
                .haveExactly(
                        1,
                        event(
                                container(),
                                abortedWithReason(message(m -> m.startsWith(
                                        "Not run because StagingTarget could not start (reported as a failure of an earlier test class): "
                                                + expected)))))
                .haveExactly(1, event(container(), skippedWithReason(m -> m.startsWith("Not run because"))));
        results.containerEvents().assertStatistics(s -> s.failed(1));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void configurationIsParsedOncePerRun() {
        Path config = config();
        run(config, "staging", seen.parameters(), InjectionTestCase.class, SecondTestCase.class);
        Object firstRun = seen.values().get(0);
        assertThat(seen.values()).last().isSameAs(firstRun);

        run(config, "staging", seen.parameters(), SecondTestCase.class);
        assertThat(seen.values()).last().isNotSameAs(firstRun);
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class SecondTestCase {
        @Test
        void test(Target target, Seen seen) {
            seen.add(target);
        }
    }

    @Test
    void worksOnNestedClassesAndWithPerClassLifecycle() {
        run(config(), "production", seen.parameters(), NestedTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(2));

        assertThat(seen.values()).containsExactly("outer https://www.example.com/", "inner https://www.example.com/");
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class NestedTestCase {
        @BeforeAll
        void beforeAll(Target target, Seen seen) {
            seen.add("outer " + target.baseUri());
        }

        @Test
        void outer() {}

        @Nested
        class Inner {
            @Test
            void inner(Target target, Seen seen) {
                seen.add("inner " + target.baseUri());
            }
        }
    }

    @Test
    void leavesParametersOfJdkTypesToOtherResolvers() {
        // A bare URI claimed by the extension would compete with the parameterized test's own argument.
        run(config(), "local", seen.parameters(), ParameterizedTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));

        assertThat(seen.values()).containsExactly(URI.create("https://elsewhere.example.org/"));
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class ParameterizedTestCase {
        @ParameterizedTest
        @ValueSource(strings = "https://elsewhere.example.org/")
        void test(URI uri, Seen seen) {
            seen.add(uri);
        }
    }

    @Test
    void worksThroughAComposedAnnotation() {
        run(config(), "local", seen.parameters(), ComposedTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));

        assertThat(seen.values()).containsExactly(URI.create("http://127.0.0.1:8000/"));
    }

    @Retention(RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(ElementType.TYPE)
    @StagingTarget
    @interface AcceptanceTest {}

    @AcceptanceTest
    @ExtendWith(Seen.Resolver.class)
    static class ComposedTestCase {
        @Test
        void test(Target target, Seen seen) {
            seen.add(target.baseUri());
        }
    }

    @Test
    void conditionsSkipWithTheirReason() {
        EngineExecutionResults results = run(config(), "staging", seen.parameters(), ConditionsTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(2).skipped(2));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("onlyLocal"),
                                skippedWithReason(
                                        "Target 'staging' is not one of [local] (@EnabledOnTarget) ==> needs the embedded database")))
                .haveExactly(
                        1,
                        event(
                                test("notOnStagingOrProduction"),
                                skippedWithReason(
                                        "Disabled on target 'staging' (@DisabledOnTarget) ==> sends real e-mail")));
        assertThat(seen.values()).containsExactlyInAnyOrder("onlyStaging", "notOnProduction");
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class ConditionsTestCase {
        @Test
        @EnabledOnTarget(value = "local", reason = "needs the embedded database")
        void onlyLocal(Seen seen) {
            seen.add("onlyLocal");
        }

        @Test
        @EnabledOnTarget({"staging", "qa"})
        void onlyStaging(Seen seen) {
            seen.add("onlyStaging");
        }

        @Test
        @DisabledOnTarget(
                value = {"staging", "production"},
                reason = "sends real e-mail")
        void notOnStagingOrProduction(Seen seen) {
            seen.add("notOnStagingOrProduction");
        }

        @Test
        @DisabledOnTarget("production")
        void notOnProduction(Seen seen) {
            seen.add("notOnProduction");
        }
    }

    @Test
    void classLevelConditionSkipsTheWholeClass() {
        EngineExecutionResults results = run(config(), "production", seen.parameters(), ClassConditionTestCase.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(ClassConditionTestCase.class),
                                skippedWithReason(
                                        "Target 'production' is not one of [local, staging] (@EnabledOnTarget)")));
        assertThat(seen.values()).isEmpty();
    }

    @StagingTarget
    @EnabledOnTarget({"local", "staging"})
    @ExtendWith(Seen.Resolver.class)
    static class ClassConditionTestCase {
        @Test
        void test(Seen seen) {
            seen.add("ran");
        }
    }

    @Test
    void defaultTargetComesFromConfigWhenNothingChoosesOne() {
        Path config = ConfigFiles.write(dir, CONFIG + "\nstaging-target.default-target = production\n");

        StagingTargetTestKit.runWithoutTargetChoice(config, seen.parameters(), ComposedTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(seen.values()).containsExactly(URI.create("https://www.example.com/"));
    }

    @Test
    void configurationParameterChoosesTheTarget() {
        Path config = config();
        org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("stagingtarget.config", config.toString())
                .configurationParameter("stagingtarget.target", "staging")
                .configurationParameters(seen.parameters())
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(ComposedTestCase.class))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(seen.values()).containsExactly(URI.create("https://staging.example.com/shop/"));
    }

    @Test
    void badConfigurationFailsTheClassWithTheKeyAndOrigin() {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  ready.timeout = soon
                }
                """);

        run(config, "staging", InjectionTestCase.class)
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(InjectionTestCase.class),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(m -> m.matches(
                                                "(?s).*\\.conf: 3: staging-target\\.targets\\.staging\\.ready\\.timeout: "
                                                        + "expected a positive duration.*")))));
    }
}
