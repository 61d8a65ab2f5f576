package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Resolves parameters of one type (or a few related types) for the live target. */
interface TypedResolver {

    boolean supports(Class<?> type);

    /**
     * @param context the context asking; values tied to a test's scope (a browser) or to run-wide state
     *     beyond the target (the server console) are found through it
     * @param type the declared parameter type, one that {@link #supports} accepted
     */
    Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type);

    /** Whether a parameter of this resolver may pick one of the target's services with {@code @Service}. */
    default boolean servesNamedServices() {
        return false;
    }
}
