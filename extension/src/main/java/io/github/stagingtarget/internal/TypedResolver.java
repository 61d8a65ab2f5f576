package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;

/** Resolves parameters of one type from the live target. */
interface TypedResolver {

    boolean supports(Class<?> type);

    Object resolve(ConfiguredTarget target);
}
