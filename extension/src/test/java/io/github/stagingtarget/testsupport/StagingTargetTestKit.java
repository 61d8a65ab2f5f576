package io.github.stagingtarget.testsupport;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;

import io.github.stagingtarget.config.PersonalConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Condition;
import org.assertj.core.api.ListAssert;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs fixture classes on the Jupiter engine with a given configuration file and target, shielded from
 * the build's own system properties (a developer's {@code -Dtarget=staging} must not change our tests) and
 * from the developer's personal configuration file (a test may name one in {@code parameters})
 * and from its JUnit configuration: a fixture run is sequential unless a test asks for JUnit's parallel
 * execution in {@code parameters}, even while the suite itself runs classes in parallel (Surefire hands
 * those settings to its own launcher only, not to this one).
 */
public final class StagingTargetTestKit {

    private StagingTargetTestKit() {}

    public static EngineExecutionResults run(Path config, String target, Class<?>... testClasses) {
        return builder(config, testClasses)
                .configurationParameter("target", target)
                .execute();
    }

    /** Like {@link #run(Path, String, Class[])}, with published files written below {@code outputDirectory}. */
    public static EngineExecutionResults run(
            Path config, String target, Path outputDirectory, Class<?>... testClasses) {
        return builder(config, testClasses)
                .configurationParameter("target", target)
                .outputDirectoryCreator(new OutputDirectories(outputDirectory))
                .execute();
    }

    /** With extra configuration parameters, such as JUnit's parallel execution settings. */
    public static EngineExecutionResults run(
            Path config, String target, java.util.Map<String, String> parameters, Class<?>... testClasses) {
        return builder(config, testClasses)
                .configurationParameter("target", target)
                .configurationParameters(parameters)
                .outputDirectoryCreator(new OutputDirectories(config.resolveSibling("outputs")))
                .execute();
    }

    public static EngineExecutionResults runWithoutTargetChoice(Path config, Class<?>... testClasses) {
        return builder(config, testClasses).execute();
    }

    /** Like {@link #runWithoutTargetChoice(Path, Class[])}, with extra configuration parameters. */
    public static EngineExecutionResults runWithoutTargetChoice(
            Path config, java.util.Map<String, String> parameters, Class<?>... testClasses) {
        return builder(config, testClasses).configurationParameters(parameters).execute();
    }

    /** The throwable of the first failed event; fails the calling test when there is none. */
    public static Throwable firstFailure(Events events) {
        return events.failed().stream()
                .findFirst()
                .orElseThrow()
                .getRequiredPayload(TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
    }

    /** Every key and value the run published as report entries, in order. */
    public static List<Map.Entry<String, String>> reportEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(Event::getPayload)
                .flatMap(Optional::stream)
                .map(ReportEntry.class::cast)
                .map(ReportEntry::getKeyValuePairs)
                .flatMap(pairs -> pairs.entrySet().stream())
                .toList();
    }

    /**
     * Asserts that exactly one container finished with a failure matching {@code conditions}; returns the
     * assertion on all container events for further checks.
     */
    @SafeVarargs
    public static ListAssert<Event> assertOneContainerFailed(
            EngineExecutionResults results, Condition<Throwable>... conditions) {
        return results.containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(container(), finishedWithFailure(conditions)));
    }

    private static EngineTestKit.Builder builder(Path config, Class<?>... testClasses) {
        return EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("stagingtarget.config", config.toString())
                // A developer's own ~/.config/staging-target/staging-target.conf must not change our tests.
                .configurationParameter(PersonalConfig.PARAMETER, PersonalConfig.NONE)
                .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(ClassSelector[]::new));
    }
}
