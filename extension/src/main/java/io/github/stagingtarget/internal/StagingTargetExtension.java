package io.github.stagingtarget.internal;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Wires {@code @StagingTarget} into JUnit: resolves (and launches) the target before the first test of a
 * class, and injects the target's objects through one resolver per type. All state lives in the root
 * store; see {@link TargetStore}.
 *
 * <p>Not API: register it through {@link io.github.stagingtarget.StagingTarget}.
 */
public final class StagingTargetExtension implements BeforeAllCallback, ParameterResolver,
        BeforeEachCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final List<TypedResolver> RESOLVERS = List.of(
            new TargetResolver(), new BaseUriResolver(), new RequestSpecificationResolver(), new BrowserResolver());

    @Override
    public void beforeAll(ExtensionContext context) {
        // Fails the class once, before any test, if the target is misconfigured or its app does not start.
        TargetStore.target(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVERS.stream().anyMatch(resolver -> resolver.supports(parameter.getParameter().getType()));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TypedResolver resolver = RESOLVERS.stream()
                .filter(candidate -> candidate.supports(type))
                .findFirst()
                .orElseThrow(() -> new ParameterResolutionException("No StagingTarget resolver for " + type.getName()));
        return resolver.resolve(TargetStore.target(context), context, type);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // A reused browser starts each test clean, even if the test reached it through a field.
        Object reused = BrowserScope.existingReusable(context);
        if (reused != null) {
            BrowserSessions.resetForNextTest(context, reused);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        // Runs before @AfterEach, which might change the page: this is the page as the test left it.
        publishBrowserEvidence(context, failure);
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        publishBrowserEvidence(context, failure);
        throw failure;
    }

    private static void publishBrowserEvidence(ExtensionContext context, Throwable failure) {
        try {
            Object session = BrowserScope.current(context);
            if (session != null) {
                BrowserSessions.publishEvidence(context, session, failure);
            }
        } catch (RuntimeException | LinkageError e) {
            // The test's own failure is what the user must see; ours only rides along.
            failure.addSuppressed(e);
        }
    }
}
