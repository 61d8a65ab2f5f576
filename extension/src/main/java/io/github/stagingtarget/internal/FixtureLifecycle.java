package io.github.stagingtarget.internal;

import io.github.stagingtarget.PreAuthenticated;
import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.config.ServerDefinition;
import io.github.stagingtarget.console.ConnectionFailedException;
import io.github.stagingtarget.fixtures.FixturePlan;
import io.github.stagingtarget.fixtures.FixtureRunner;
import io.github.stagingtarget.fixtures.FixtureScript;
import io.github.stagingtarget.session.PreparedSessions;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Reads {@link ResetDatabase}, {@link Seed} and {@link PreAuthenticated} and hands them to the {@link FixtureRunner}: the class's in
 * before-all, a method's before each. Every plan of a class, its methods' included, is checked in
 * before-all, so a refused fixture fails the class before anything has run.
 */
final class FixtureLifecycle {

    private FixtureLifecycle() {}

    static void checkClass(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        List<FixturePlan> plans = new ArrayList<>();
        plan(testClass, "class " + testClass.getName()).ifPresent(plans::add);
        for (Method method : AnnotationSupport.findAnnotatedMethods(
                testClass, ResetDatabase.class, HierarchyTraversalMode.TOP_DOWN)) {
            plan(method, describe(method)).ifPresent(plans::add);
        }
        for (Method method :
                AnnotationSupport.findAnnotatedMethods(testClass, Seed.class, HierarchyTraversalMode.TOP_DOWN)) {
            plan(method, describe(method)).ifPresent(plans::add);
        }
        for (Method method : AnnotationSupport.findAnnotatedMethods(
                testClass, PreAuthenticated.class, HierarchyTraversalMode.TOP_DOWN)) {
            plan(method, describe(method)).ifPresent(plans::add);
        }
        if (!plans.isEmpty()) {
            FixtureRunner runner = runner(context);
            plans.forEach(runner::prepare);
        }
    }

    static void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        plan(testClass, "class " + testClass.getName()).ifPresent(plan -> run(context, plan));
    }

    static void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        plan(method, describe(method)).ifPresent(plan -> run(context, plan));
    }

    private static void run(ExtensionContext context, FixturePlan plan) {
        FixtureRunner runner = runner(context);
        FixtureScript script = runner.prepare(plan);
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
        ServerDefinition server = TargetStore.server(context);
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(context.getRequiredTestClass().getClassLoader());
        return new FixtureRunner(
                server.target(), server.fixtures(), server.session(), loader, ServerStore.mask(context));
    }

    static Optional<FixturePlan> plan(AnnotatedElement element, String declaredOn) {
        boolean reset = AnnotationSupport.isAnnotated(element, ResetDatabase.class);
        List<String> seeds = AnnotationSupport.findAnnotation(element, Seed.class)
                .map(seed -> List.of(seed.value()))
                .orElse(List.of());
        List<String> sessions = AnnotationSupport.findAnnotation(element, PreAuthenticated.class)
                .map(users -> List.of(users.value()))
                .orElse(List.of());
        FixturePlan plan = new FixturePlan(reset, seeds, sessions, declaredOn);
        return plan.isEmpty() ? Optional.empty() : Optional.of(plan);
    }

    private static String describe(Method method) {
        return "method " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }
}
