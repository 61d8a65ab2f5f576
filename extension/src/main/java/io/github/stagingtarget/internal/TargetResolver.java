package io.github.stagingtarget.internal;

import io.github.stagingtarget.Target;
import io.github.stagingtarget.config.ConfiguredTarget;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Injects the {@link Target} itself. */
final class TargetResolver implements TypedResolver {

    @Override
    public boolean supports(Class<?> type) {
        return type == Target.class;
    }

    @Override
    public Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type) {
        return target;
    }

    @Override
    public boolean servesNamedServices() {
        return true;
    }
}
