package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.console.ServerConsole;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Injects the run's {@link ServerConsole}. */
final class ServerConsoleResolver implements TypedResolver {

    @Override
    public boolean supports(Class<?> type) {
        return type == ServerConsole.class;
    }

    @Override
    public Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type) {
        return ServerStore.console(context);
    }
}
