package io.github.stagingtarget.internal;

import io.github.stagingtarget.BrowserReuse;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Where a browser lives: in the store of the test (per-test), of the test class (per-class) or of the run
 * (per-run), under a key per thread, so that parallel tests never share one. JUnit closes the store, and
 * with it the browser, on exactly the boundary the policy names.
 *
 * <p>Links no Selenium class: the extension calls it on every test, with or without Selenium present.
 */
final class BrowserScope {

    static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "browser");
    /** In a test's own store: the session handed to that test, for the evidence of its failure. */
    private static final String LEASE = "lease";

    private BrowserScope() {}

    /** Wraps the session so that the test's store does not close a browser it only borrowed. */
    record Lease(Object session) {}

    static BrowserReuse.Policy policy(ExtensionContext context) {
        Optional<Class<?>> type = context.getTestClass();
        for (Class<?> candidate = type.orElse(null); candidate != null; candidate = candidate.getEnclosingClass()) {
            Optional<BrowserReuse> annotation = AnnotationSupport.findAnnotation(candidate, BrowserReuse.class);
            if (annotation.isPresent()) {
                return annotation.get().value();
            }
        }
        return TargetStore.definition(context).browser().reuse();
    }

    /** The store that owns a browser of {@code policy} for this context. */
    static Store owner(ExtensionContext context, BrowserReuse.Policy policy) {
        ExtensionContext owner = switch (policy) {
            case PER_TEST -> context;
            case PER_CLASS -> classContext(context);
            case PER_RUN -> context.getRoot();
        };
        return owner.getStore(NAMESPACE);
    }

    static String key() {
        return "session@" + Thread.currentThread().getId();
    }

    /** The reused browser this thread already has in the scope of the current test, if any. */
    static Object existingReusable(ExtensionContext context) {
        BrowserReuse.Policy policy = policy(context);
        return policy == BrowserReuse.Policy.PER_TEST ? null : started(owner(context, policy));
    }

    /** The store rethrows a failed start on every lookup; a browser that never started has nothing to give. */
    private static Object started(Store store) {
        try {
            return store.get(key());
        } catch (RuntimeException failedToStart) {
            return null;
        }
    }

    static void lease(ExtensionContext context, Object session) {
        if (context.getTestMethod().isPresent()) {
            context.getStore(NAMESPACE).put(LEASE, new Lease(session));
        }
    }

    /** The browser the current test may have used: the one handed to it, else this thread's reused one. */
    static Object current(ExtensionContext context) {
        Lease lease = context.getStore(NAMESPACE).get(LEASE, Lease.class);
        return lease != null ? lease.session() : existingReusable(context);
    }

    /** A template's invocations (parameterized, repeated) have method contexts above them, too. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
