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
    /**
     * In a test's own store: the session handed to that test; in a class's store: the session handed to
     * its class-level lifecycle methods (or constructor). Only these count as used by a failed test.
     */
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
        context.getStore(NAMESPACE).put(LEASE, new Lease(session));
    }

    /**
     * The browser the current test used: the one handed to it (or to its {@code @BeforeEach}), else the one
     * handed to its class's {@code @BeforeAll} or constructor; {@code null} for a test that got none, even if
     * this thread holds a reused browser from an earlier test. A store lookup falls back to the enclosing
     * contexts' stores, which are the class's.
     */
    static Object current(ExtensionContext context) {
        Lease lease = context.getStore(NAMESPACE).get(LEASE, Lease.class);
        return lease == null ? null : lease.session();
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
