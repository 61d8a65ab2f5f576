package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.session.Sessions;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Injects {@link Sessions} for the run's target. */
final class SessionsResolver implements TypedResolver {

    @Override
    public boolean supports(Class<?> type) {
        return type == Sessions.class;
    }

    @Override
    public Object resolve(ConfiguredTarget target) {
        throw new IllegalStateException("Sessions need the extension context");
    }

    @Override
    public Object resolve(ConfiguredTarget target, ExtensionContext context) {
        return ServerStore.sessions(context);
    }
}
