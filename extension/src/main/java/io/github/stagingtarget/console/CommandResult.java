package io.github.stagingtarget.console;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a command run by a {@link ServerConsole} produced: exit code, standard output, standard error.
 *
 * <pre>{@code
 * CommandResult result = console.run("app db count users");
 * if (result.exitCode() == 0) {
 *     int users = Integer.parseInt(result.stdout().trim());
 * }
 * String version = console.run("app --version").requireSuccess().stdout();
 * }</pre>
 *
 * <p>The consoles StagingTarget injects make these; a test double of {@link ServerConsole} may implement it.
 */
@API(status = STABLE, since = "0.1")
public interface CommandResult {

    /** How many lines of each stream a failure message quotes. */
    int TAIL_LINES = 20;

    /** The command as it was run (secrets masked only in messages, not here). */
    String command();

    int exitCode();

    String stdout();

    String stderr();

    Duration duration();

    /** The signal that killed the command (e.g. {@code KILL}, {@code SEGV}), if one did and the console knows it. */
    Optional<String> signal();

    /** Whether the command was stopped because it ran longer than its timeout. */
    boolean timedOut();

    /** Exit code 0, no signal, no timeout. */
    default boolean isSuccess() {
        return exitCode() == 0 && signal().isEmpty() && !timedOut();
    }

    /**
     * This result if it {@linkplain #isSuccess() succeeded}.
     *
     * @return this result
     * @throws CommandFailedException showing command, exit code and the tails of stderr and stdout
     */
    default CommandResult requireSuccess() {
        if (!isSuccess()) {
            throw new CommandFailedException(failureMessage("Command failed"), this);
        }
        return this;
    }

    /**
     * A message starting with {@code headline}, then where, how the command ended (exit code or signal; nothing
     * for a command that timed out, whose headline says so), the command and the last {@value #TAIL_LINES}
     * lines of each stream. Secrets known to StagingTarget when this is called are masked.
     *
     * @param headline how the message starts, e.g. {@code Command failed}
     * @return the message
     */
    String failureMessage(String headline);
}
