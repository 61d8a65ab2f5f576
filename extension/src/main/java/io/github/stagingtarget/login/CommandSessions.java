package io.github.stagingtarget.login;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.session.SessionKey;
import io.github.stagingtarget.session.Sessions;
import java.util.Optional;
import org.apiguardian.api.API;

/** {@link Sessions} made by the target's {@code session.command}, or taken from keys a fixture prepared. */
@API(status = INTERNAL, since = "0.1")
public final class CommandSessions implements Sessions {

    private final String target;
    private final SessionSettings settings;
    private final ServerConsole console;
    private final SecretMask mask;
    private final PreparedSessions prepared;

    /** @param prepared keys made ahead in a fixture round trip, handed out before new ones are created */
    public CommandSessions(
            String target,
            SessionSettings settings,
            ServerConsole console,
            SecretMask mask,
            PreparedSessions prepared) {
        this.target = target;
        this.settings = settings;
        this.console = console;
        this.mask = mask;
        this.prepared = prepared;
    }

    @Override
    public SessionKey create(String email) {
        Optional<String> ready = prepared.take(email);
        if (ready.isPresent()) {
            return new SessionKey(settings.cookieName(), ready.get());
        }
        settings.command()
                .orElseThrow(() -> new StagingTargetException("Target '" + target
                        + "' has no " + settings.keyPrefix()
                        + ".command: expected a command that prints a session key, "
                        + "e.g. \"app create-session {email}\""));
        CommandResult result = console.run(settings.commandFor(email)).requireSuccess();
        String key = SessionSettings.keyIn(result.stdout())
                .orElseThrow(() -> new StagingTargetException("The session command for target '" + target
                        + "' printed nothing: " + result.command() + " (" + settings.keyPrefix() + ".command)"));
        mask.add(key);
        return new SessionKey(settings.cookieName(), key);
    }

    @Override
    public String cookieName() {
        return settings.cookieName();
    }
}
