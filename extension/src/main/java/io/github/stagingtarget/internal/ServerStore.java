package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.login.CommandSessions;
import io.github.stagingtarget.login.PreparedSessions;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.session.Sessions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The run-wide server state in the root store: the secret mask and the console (one SSH connection per
 * run, opened on first use, closed by JUnit when the run ends).
 */
final class ServerStore {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "server");

    private static final String PREPARED = "prepared-sessions";

    private ServerStore() {}

    /** The run's one mask, seeded from the configuration (see {@link TargetStore#mask}). */
    static SecretMask mask(ExtensionContext context) {
        return TargetStore.mask(context);
    }

    static ShellConsole console(ExtensionContext context) {
        ServerSettings server = TargetStore.server(context);
        SecretMask mask = mask(context);
        // Creating a console is cheap and opens nothing: SSH connects on the first command.
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent("console", key -> server.newConsole(mask), ShellConsole.class);
    }

    static Sessions sessions(ExtensionContext context) {
        ServerSettings server = TargetStore.server(context);
        return new CommandSessions(
                server.target(), server.session(), console(context), mask(context), preparedSessions(context));
    }

    /**
     * The keys made ahead for this context: its class's pool if there is one (a store lookup falls back to
     * the enclosing contexts' stores), else one of its own.
     */
    static PreparedSessions preparedSessions(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(PREPARED, key -> new PreparedSessions(), PreparedSessions.class);
    }
}
