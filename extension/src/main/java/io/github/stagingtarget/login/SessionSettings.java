package io.github.stagingtarget.login;

import static org.apiguardian.api.API.Status.INTERNAL;

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
}
