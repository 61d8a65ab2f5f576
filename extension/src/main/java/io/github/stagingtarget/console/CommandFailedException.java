package io.github.stagingtarget.console;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A command ran and exited with a non-zero code. The message shows where it ran, the command, the exit code
 * and the last lines of standard error and standard output (secrets masked); {@link #result()} has them all.
 *
 * <pre>{@code
 * try {
 *     console.run("app db reset").requireSuccess();
 * } catch (CommandFailedException e) {
 *     int code = e.result().exitCode();
 * }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public class CommandFailedException extends ConsoleException {

    private static final long serialVersionUID = 1L;

    private final transient CommandResult result;

    public CommandFailedException(String message, CommandResult result) {
        super(message);
        this.result = result;
    }

    /** The failed command's result. */
    public CommandResult result() {
        return result;
    }
}
