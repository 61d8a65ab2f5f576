package io.github.stagingtarget.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.opentest4j.TestAbortedException;

/**
 * Problems that concern the whole run (the target cannot start, the server cannot be reached) are reported
 * as the failure of the first class that meets them; later classes are aborted (shown as skipped) with the
 * same reason. A run then shows one failure with one clear message instead of one per class.
 */
final class RunFailures {

    static final String ABORT_PREFIX =
            "Not run because StagingTarget could not start (reported as a failure of an earlier test class): ";

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "reported");

    private RunFailures() {}

    /** @return the problem itself the first time its message is seen in this run, else an abort with it */
    @SuppressWarnings("unchecked")
    static RuntimeException reportOnce(ExtensionContext context, RuntimeException problem) {
        Set<String> reported = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("messages", key -> ConcurrentHashMap.<String>newKeySet(), Set.class);
        return reported.add(String.valueOf(problem.getMessage()))
                ? problem
                : new TestAbortedException(ABORT_PREFIX + problem.getMessage(), problem);
    }
}
