package io.github.stagingtarget.login;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.Shell;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A target's {@code session} block: the command that prints a session key for a user ({@code {email}} is
 * replaced by the quoted address) and the name of the cookie that carries it.
 *
 * <pre>{@code
 * // session { command = "app create-session {email}", cookie-name = "todo_session" }
 * new SessionSettings(Optional.of("app create-session {email}"), "todo_session",
 *         "staging-target.targets.staging.session");
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public record SessionSettings(Optional<String> command, String cookieName, String keyPrefix) {

    public static final String EMAIL_PLACEHOLDER = "{email}";

    /** The session command for this user, {@code {email}} replaced by the quoted address; needs a command. */
    public String commandFor(String email) {
        return command.orElseThrow().replace(EMAIL_PLACEHOLDER, Shell.quote(email));
    }

    /**
     * The key in what a session command printed: its last non-blank line, trimmed; the one rule for keys made
     * in a test ({@code Sessions}) and in a fixture round trip ({@code @PreAuthenticated}).
     */
    public static Optional<String> keyIn(String output) {
        List<String> lines =
                output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }
}
