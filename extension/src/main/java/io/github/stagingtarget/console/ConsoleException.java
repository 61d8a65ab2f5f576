package io.github.stagingtarget.console;

import static org.apiguardian.api.API.Status.STABLE;

import io.github.stagingtarget.StagingTargetException;
import org.apiguardian.api.API;

/**
 * A {@link ServerConsole} could not do its work: the server is unreachable, refused us, did not prove its
 * identity, or a command timed out. The message names the target, host and port and how to fix it; it never
 * contains a password, passphrase or other secret.
 *
 * <pre>{@code
 * try {
 *     console.run("sleep 600", Duration.ofSeconds(5));
 * } catch (ConsoleException e) {
 *     // "Command timed out after 5 s on target 'staging' (ssh deploy@host:22) and was stopped: sleep 600"
 * }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public class ConsoleException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public ConsoleException(String message) {
        super(message);
    }

    public ConsoleException(String message, Throwable cause) {
        super(message, cause);
    }
}
