package io.github.stagingtarget.internal;

import io.github.stagingtarget.StagingTargetException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A value computed once per run, or the failure of computing it. Storing the failure means a broken
 * configuration or a launch that timed out is not retried (and waited for) by every class of the run; it
 * is reported once through {@link RunFailures}.
 */
final class Outcome<T> implements AutoCloseable {

    private final T value;
    private final RuntimeException failure;

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

    boolean succeeded() {
        return failure == null;
    }

    /**
     * @throws ExtensionConfigurationException the first time in the run the failure is asked for
     * @throws org.opentest4j.TestAbortedException every later time
     */
    T get(ExtensionContext context) {
        if (failure == null) {
            return value;
        }
        throw RunFailures.reportOnce(context, new ExtensionConfigurationException(failure.getMessage(), failure));
    }

    @Override
    public void close() {
        if (value instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new StagingTargetException("Could not close " + value + ": " + e.getMessage(), e);
            }
        }
    }
}
