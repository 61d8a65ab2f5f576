package io.github.stagingtarget.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTarget;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Registered by {@code @ResetDatabase}, {@code @Seed} and {@code @PreAuthenticated} themselves, so that they
 * fail loudly where {@code @StagingTarget}, which runs them, is missing: without it they would do nothing,
 * and tests would run against whatever data happens to be there. Where {@code @StagingTarget} is present,
 * this does nothing.
 *
 * <p>Not API.
 */
@API(status = INTERNAL, since = "0.1")
public final class FixtureAnnotationCheck implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        check(context, context.getRequiredTestClass());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        check(context, context.getRequiredTestMethod());
    }

    private static void check(ExtensionContext context, AnnotatedElement element) {
        String names = FixtureAnnotations.names(element);
        if (names.isEmpty() || underStagingTarget(context)) {
            return;
        }
        String where = element instanceof Class<?> type
                ? "class " + type.getName()
                : FixtureAnnotations.describe((java.lang.reflect.Method) element);
        throw new ExtensionConfigurationException(names + " on " + where + " does nothing without @StagingTarget, "
                + "which runs fixtures: annotate "
                + context.getRequiredTestClass().getSimpleName()
                + " (or a class that encloses it) with @StagingTarget");
    }

    private static boolean underStagingTarget(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context);
                current.isPresent();
                current = current.get().getParent()) {
            if (current.get()
                    .getTestClass()
                    .filter(type -> AnnotationSupport.isAnnotated(type, StagingTarget.class))
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }
}
