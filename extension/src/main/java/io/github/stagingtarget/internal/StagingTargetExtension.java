package io.github.stagingtarget.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
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
 * class, and injects the target's objects through one resolver per type. The extension has no fields: the
 * run's configuration, target and server connection live in the root store ({@link TargetStore},
 * {@code ServerStore}), browsers in the store of the class or test that owns them ({@code BrowserScope}),
 * log marks and reported failures in the test's or the run's own namespaces.
 *
 * <p>Not API: register it through {@link io.github.stagingtarget.StagingTarget}.
 */
@API(status = INTERNAL, since = "0.1")
public final class StagingTargetExtension
        implements BeforeAllCallback,
                BeforeEachCallback,
                AfterTestExecutionCallback,
                AfterEachCallback,
                ParameterResolver,
                TestExecutionExceptionHandler,
                LifecycleMethodExecutionExceptionHandler {

    private static final List<TypedResolver> RESOLVERS = List.of(
            new TargetResolver(),
            new RequestSpecificationResolver(),
            new ServerConsoleResolver(),
            new SessionsResolver(),
            new BrowserResolver(),
            new MailboxResolver());

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            // The fixture guard comes first: a refused reset must fail the class before anything starts.
            FixtureLifecycle.checkClass(context);
            // Fails the class once, before any test, if the target is misconfigured or its app does not start.
            TargetStore.target(context);
        } finally {
            // Which target, which build, whether it allows fixtures: in the log and report before any test,
            // also when the target failed its checks.
            TargetStore.publishHeader(context);
        }
        RunLockStore.beforeAll(context);
        FixtureLifecycle.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        BrowserLifecycle.beforeEach(context);
        FixtureLifecycle.beforeEach(context);
        ServerLogCapture.beforeEach(context);
        HttpRecordingScope.beforeEach(context);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        ServerLogCapture.afterTestExecution(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // After the @AfterEach methods: their requests belong to the test, and so do their failures.
        HttpRecordingScope.afterEach(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVERS.stream()
                .anyMatch(resolver -> resolver.supports(parameter.getParameter().getType()));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TypedResolver resolver = RESOLVERS.stream()
                .filter(candidate -> candidate.supports(type))
                .findFirst()
                .orElseThrow(() -> new ParameterResolutionException("No StagingTarget resolver for " + type.getName()));
        return resolver.resolve(
                ServiceQualifier.select(TargetStore.target(context), parameter, resolver), context, type);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        // Runs before @AfterEach, which might change the page: this is the page as the test left it.
        BrowserLifecycle.publishEvidence(context, failure);
        Mailboxes.publishEvidence(context, failure);
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        BrowserLifecycle.publishEvidence(context, failure);
        Mailboxes.publishEvidence(context, failure);
        throw failure;
    }
}
