package io.github.stagingtarget.internal;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A value computed once per run, or the failure of computing it. Storing the failure means a broken
 * configuration or a launch that timed out is reported once per class with the same message, instead of
 * being retried (and waited for) by every class of the run.
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

    T get() {
        if (failure != null) {
            throw failure instanceof ExtensionConfigurationException
                    ? new ExtensionConfigurationException(failure.getMessage(), failure.getCause())
                    : new ExtensionConfigurationException(failure.getMessage(), failure);
        }
        return value;
    }

    @Override
    public void close() throws Exception {
        if (value instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
