package io.github.stagingtarget.console;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

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
 */
public final class CommandResult {

    /** How many lines of each stream a failure message quotes. */
    public static final int TAIL_LINES = 20;

    private final String where;
    private final String command;
    private final int exitCode;
    private final String stdout;
    private final String stderr;
    private final Duration duration;
    private final SecretMask mask;

    /**
     * @param where the console's description, for messages
     * @param mask hides secrets in messages built from this result
     */
    public CommandResult(
            String where,
            String command,
            int exitCode,
            String stdout,
            String stderr,
            Duration duration,
            SecretMask mask) {
        this.where = where;
        this.command = command;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
        this.duration = duration;
        this.mask = mask;
    }

    public String command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    public Duration duration() {
        return duration;
    }

    public boolean isSuccess() {
        return exitCode == 0;
    }

    /**
     * This result if the exit code is 0.
     *
     * @throws CommandFailedException showing command, exit code and the tails of stderr and stdout
     */
    public CommandResult requireSuccess() {
        if (!isSuccess()) {
            throw new CommandFailedException(failureMessage("Command failed"), this);
        }
        return this;
    }

    /** A message starting with {@code headline}, then where, the command, exit code and output tails. */
    public String failureMessage(String headline) {
        String nl = System.lineSeparator();
        return mask.apply(headline + " on " + where + " with exit code " + exitCode + ": " + command + nl
                + "--- stderr (last " + TAIL_LINES + " lines) ---" + nl + tail(stderr) + nl
                + "--- stdout (last " + TAIL_LINES + " lines) ---" + nl + tail(stdout));
    }

    static String tail(String text) {
        if (text.isBlank()) {
            return "(empty)";
        }
        List<String> lines = Arrays.asList(text.strip().split("\\R"));
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    @Override
    public String toString() {
        return mask.apply("CommandResult[exit " + exitCode + ", " + command + "]");
    }
}
