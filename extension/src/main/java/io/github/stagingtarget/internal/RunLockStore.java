package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.runlock.RunLock;
import io.github.stagingtarget.runlock.RunLockSettings;
import io.github.stagingtarget.runlock.RunOwner;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The run lock in the root store: taken once per run, by the first class that needs it (concurrent classes
 * wait for that one attempt), released when JUnit closes the root store at the end of the run. A failure to
 * take it is reported once ({@link Outcome}): the first class fails naming the holder, the others are aborted.
 */
final class RunLockStore {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "run-lock");

    private RunLockStore() {}

    /** Before the first test class: takes the lock if {@code run-lock.mode = always}. */
    static void beforeAll(ExtensionContext context) {
        if (TargetStore.server(context).runLock().mode() == RunLockSettings.Mode.ALWAYS) {
            take(context);
        }
    }

    /** Before a reset or seed: takes the lock unless {@code run-lock.mode = off}. */
    static void beforeDestructiveFixture(ExtensionContext context) {
        if (TargetStore.server(context).runLock().mode() != RunLockSettings.Mode.OFF) {
            take(context);
        }
    }

    @SuppressWarnings("unchecked")
    private static void take(ExtensionContext context) {
        ServerSettings server = TargetStore.server(context);
        Outcome<RunLock> lock = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("lock", key -> Outcome.of(() -> acquire(context, server)), Outcome.class);
        RunLock held = lock.get(context);
        held.waitedFor()
                .ifPresent(holder -> context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("reported", key -> {
                    context.publishReportEntry(
                            "staging-target-run-lock",
                            "waited " + held.waited().toSeconds() + " s for the run lock, held by " + holder);
                    return Boolean.TRUE;
                }));
    }

    private static RunLock acquire(ExtensionContext context, ServerSettings server) {
        RunOwner owner = RunOwner.of(server.target(), System::getenv, Instant.now());
        return RunLock.acquire(
                ServerStore.console(context), server.runLock(), owner, ServerStore.mask(context), System.out::println);
    }
}
