package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Resolves parameters of one type from the live target. */
interface TypedResolver {

    boolean supports(Class<?> type);

    Object resolve(ConfiguredTarget target);

    /** For resolvers that need run-wide state beyond the target, such as the server console. */
    default Object resolve(ConfiguredTarget target, ExtensionContext context) {
        return resolve(target);
    }
}
