package io.github.stagingtarget.internal;

import io.github.stagingtarget.PreAuthenticated;
import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.config.ClassLoaders;
import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.console.ConnectionFailedException;
import io.github.stagingtarget.fixtures.FixturePlan;
import io.github.stagingtarget.fixtures.FixtureRunner;
import io.github.stagingtarget.fixtures.FixtureScript;
import io.github.stagingtarget.login.PreparedSessions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands the plans of {@link ResetDatabase}, {@link Seed} and {@link PreAuthenticated} (read once by
 * {@link FixtureAnnotations}) to the {@link FixtureRunner}: the class's in before-all, a test method's before
 * each. Every plan of a class, its methods' included, is checked in before-all, so a refused fixture or an
 * annotation that would do nothing fails the class before anything has run.
 */
final class FixtureLifecycle {

    private FixtureLifecycle() {}

    static void checkClass(ExtensionContext context) {
        FixtureAnnotations fixtures = FixtureAnnotations.of(context.getRequiredTestClass());
        if (!fixtures.misplaced().isEmpty()) {
            throw new ExtensionConfigurationException(String.join("; ", fixtures.misplaced())
                    + ": fixtures run before all tests of a class (on the class) or before one test (on a test "
                    + "method); anywhere else they would do nothing. Move the annotation to the class or to the "
                    + "test methods that need it");
        }
        List<FixturePlan> plans = fixtures.plans();
        if (!plans.isEmpty()) {
            FixtureRunner runner = runner(context);
            plans.forEach(runner::prepare);
        }
    }

    static void beforeAll(ExtensionContext context) {
        FixtureAnnotations.of(context.getRequiredTestClass()).classPlan().ifPresent(plan -> run(context, plan));
    }

    static void beforeEach(ExtensionContext context) {
        FixtureAnnotations.of(context.getRequiredTestClass())
                .forMethod(context.getRequiredTestMethod())
                .ifPresent(plan -> run(context, plan));
    }

    private static void run(ExtensionContext context, FixturePlan plan) {
        FixtureRunner runner = runner(context);
        FixtureScript script = runner.prepare(plan);
        if (plan.isDestructive()) {
            // No other run may reset under this one, nor this one under another: held until the run ends.
            RunLockStore.beforeDestructiveFixture(context);
        }
        Map<String, String> keys;
        try {
            keys = runner.run(script, plan.declaredOn(), () -> ServerStore.console(context));
        } catch (ConnectionFailedException unreachable) {
            throw RunFailures.reportOnce(context, unreachable);
        }
        // In this class's (or test's) store, where Sessions made for its tests find them.
        PreparedSessions prepared = ServerStore.preparedSessions(context);
        keys.forEach(prepared::add);
    }

    private static FixtureRunner runner(ExtensionContext context) {
        ServerSettings server = TargetStore.server(context);
        ClassLoader loader = ClassLoaders.contextOr(context.getRequiredTestClass());
        return new FixtureRunner(
                server.target(), server.fixtures(), server.session(), loader, ServerStore.mask(context));
    }
}
