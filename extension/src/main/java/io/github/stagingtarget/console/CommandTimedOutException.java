package io.github.stagingtarget.console;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A command ran longer than its timeout and was stopped (on the server, not merely abandoned). The message
 * names the setting that set the timeout, where the command ran, the command, and the last lines of its
 * output; {@link #result()} has what it printed until then.
 *
 * <pre>{@code
 * try {
 *     console.run("app db migrate");
 * } catch (CommandTimedOutException e) {
 *     // "Command timed out after 300 s (console.command-timeout) and was stopped on target 'staging' ..."
 *     String progress = e.result().stdout();
 * }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public class CommandTimedOutException extends ConsoleException {

    private static final long serialVersionUID = 1L;

    private final transient CommandResult result;
    private final Duration timeout;
    private final String headline;

    /**
     * @param headline how the message starts, e.g. {@code Command timed out after 5 s (console.command-timeout)
     *     and was stopped}; where, the command and the output tails follow
     */
    public CommandTimedOutException(String headline, CommandResult result, Duration timeout) {
        super(headline);
        this.headline = headline;
        this.result = result;
        this.timeout = timeout;
    }

    /**
     * Built when asked for, not when thrown: a secret that becomes known in between (a session key found in
     * the output by whoever catches this) is masked too.
     */
    @Override
    public String getMessage() {
        return result == null ? headline : result.failureMessage(headline);
    }

    /** What the command printed until it was stopped. */
    public CommandResult result() {
        return result;
    }

    /** The timeout it ran out of. */
    public Duration timeout() {
        return timeout;
    }
}
