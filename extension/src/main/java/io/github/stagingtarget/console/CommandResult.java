package io.github.stagingtarget.console;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
    private final Optional<String> signal;
    private final boolean timedOut;

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
        this(where, command, exitCode, stdout, stderr, duration, mask, Optional.empty(), false);
    }

    /**
     * @param signal the signal that killed the command, e.g. {@code KILL}; {@code exitCode} is then 128 plus
     *     its number, as a shell reports it
     * @param timedOut whether the command was stopped because it ran out of time
     */
    public CommandResult(
            String where,
            String command,
            int exitCode,
            String stdout,
            String stderr,
            Duration duration,
            SecretMask mask,
            Optional<String> signal,
            boolean timedOut) {
        this.where = where;
        this.command = command;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
        this.duration = duration;
        this.mask = mask;
        this.signal = signal;
        this.timedOut = timedOut;
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

    /** The signal that killed the command (e.g. {@code KILL}, {@code SEGV}), if one did and the console knows it. */
    public Optional<String> signal() {
        return signal;
    }

    /** Whether the command was stopped because it ran longer than its timeout. */
    public boolean timedOut() {
        return timedOut;
    }

    public boolean isSuccess() {
        return exitCode == 0 && signal.isEmpty() && !timedOut;
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

    /**
     * A message starting with {@code headline}, then where, how the command ended (exit code or signal; nothing
     * for a command that timed out, whose headline says so), the command and the output tails. Secrets known to
     * the mask when this is called are masked.
     */
    public String failureMessage(String headline) {
        String nl = System.lineSeparator();
        String ending = timedOut
                ? ""
                : signal.map(name -> ", killed by signal " + name)
                        .orElse(" with exit code " + exitCode + signalHint(exitCode));
        return mask.apply(headline + " on " + where + ending + ": " + command + nl
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

    /**
     * A shell reports a child killed by signal N as exit code 128 + N, so such a code may mean a signal the
     * console could not see (a local command, or one a server's shell ran).
     */
    private static String signalHint(int exitCode) {
        return exitCode > 128 && exitCode < 160
                ? " (128 + " + (exitCode - 128) + ": how a shell reports a command killed by signal " + (exitCode - 128)
                        + ")"
                : "";
    }

    @Override
    public String toString() {
        return mask.apply("CommandResult[exit " + exitCode
                + signal.map(name -> " (signal " + name + ")").orElse("") + (timedOut ? ", timed out" : "") + ", "
                + command + "]");
    }
}
