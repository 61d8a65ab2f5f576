package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Resolves parameters of one type from the live target. */
interface TypedResolver {

    boolean supports(Class<?> type);

    Object resolve(ConfiguredTarget target);

    /** For values that live in a test's scope (such as a browser) rather than the run's. */
    default Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type) {
        return resolve(target);
    }
}
