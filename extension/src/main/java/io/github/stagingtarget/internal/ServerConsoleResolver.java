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
    public Object resolve(ConfiguredTarget target) {
        throw new IllegalStateException("The server console needs the extension context");
    }

    @Override
    public Object resolve(ConfiguredTarget target, ExtensionContext context) {
        return ServerStore.console(context);
    }
}
