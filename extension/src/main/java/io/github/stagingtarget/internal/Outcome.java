package io.github.stagingtarget.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.TestAbortedException;

/**
 * A value computed once per run, or the failure of computing it. Storing the failure means a broken
 * configuration or a launch that timed out is not retried (and waited for) by every class of the run. It
 * is reported once, as the failure of the first class that needed it; later classes are aborted (shown as
 * skipped) with the same message, so a run shows one failure instead of one identical failure per class.
 */
final class Outcome<T> implements AutoCloseable {

    private final T value;
    private final RuntimeException failure;
    private final AtomicBoolean reported = new AtomicBoolean();

    private Outcome(T value, RuntimeException failure) {
        this.value = value;
        this.failure = failure;
    }

    static <T> Outcome<T> of(Supplier<T> computation) {
        try {
            return new Outcome<>(computation.get(), null);
        } catch (RuntimeException e) {
            return new Outcome<>(null, e);
        }
    }

    /**
     * @throws ExtensionConfigurationException the first time the failure is asked for
     * @throws TestAbortedException every later time
     */
    T get() {
        if (failure == null) {
            return value;
        }
        if (reported.compareAndSet(false, true)) {
            throw new ExtensionConfigurationException(failure.getMessage(), failure);
        }
        throw new TestAbortedException(RunFailures.ABORT_PREFIX + failure.getMessage());
    }

    @Override
    public void close() {
        if (value instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Could not close " + value, e);
            }
        }
    }
}
