package io.github.stagingtarget.session;

import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.SecretMask;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.console.Shell;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Creates pre-authenticated sessions on the target, so a test can start logged in without clicking through
 * the login form. Runs the configured {@code session.command} with {@code {email}} replaced by the quoted
 * address; the last non-blank line it prints is the key.
 *
 * <p>Declare a parameter of this type in a {@code @StagingTarget} test:
 *
 * <pre>{@code
 * // staging-target.conf: session { command = "app create-session {email}", cookie-name = "todo_session" }
 * @Test
 * void seesOwnLists(Sessions sessions, RequestSpecification api) {
 *     SessionKey ada = sessions.create("ada@example.com");
 *     api.cookie(ada.cookieName(), ada.value()).get("/lists/").then().statusCode(200);
 * }
 * }</pre>
 *
 * <p>Keys are secrets: they are masked in every message StagingTarget builds. Thread-safe.
 */
public final class Sessions {

    private final String target;
    private final SessionSettings settings;
    private final ServerConsole console;
    private final SecretMask mask;
    private final PreparedSessions prepared;

    public Sessions(String target, SessionSettings settings, ServerConsole console, SecretMask mask) {
        this(target, settings, console, mask, new PreparedSessions());
    }

    /** @param prepared keys made ahead in a fixture round trip, handed out before new ones are created */
    public Sessions(
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

    /**
     * A new session key for the user with this address: one made ahead by
     * {@link io.github.stagingtarget.PreAuthenticated} if there is an unused one, else one made now.
     *
     * @throws IllegalStateException if the target has no {@code session.command}
     * @throws io.github.stagingtarget.console.CommandFailedException if the command fails
     */
    public SessionKey create(String email) {
        Optional<String> ready = prepared.take(email);
        if (ready.isPresent()) {
            return new SessionKey(settings.cookieName(), ready.get());
        }
        String template = settings.command()
                .orElseThrow(() -> new IllegalStateException("Target '" + target
                        + "' has no " + settings.keyPrefix()
                        + ".command: expected a command that prints a session key, "
                        + "e.g. \"app create-session {email}\""));
        CommandResult result = console.run(template.replace(SessionSettings.EMAIL_PLACEHOLDER, Shell.quote(email)))
                .requireSuccess();
        List<String> lines = Arrays.stream(result.stdout().split("\\R"))
                .map(String::trim)
                .filter(l -> !l.isEmpty())
                .toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("The session command for target '" + target + "' printed nothing: "
                    + result.command() + " (" + settings.keyPrefix() + ".command)");
        }
        String key = lines.get(lines.size() - 1);
        mask.add(key);
        return new SessionKey(settings.cookieName(), key);
    }

    /** The configured cookie name ({@code session.cookie-name}). */
    public String cookieName() {
        return settings.cookieName();
    }
}
