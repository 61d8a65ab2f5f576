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
    public Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type) {
        return ServerStore.sessions(context);
    }
}
