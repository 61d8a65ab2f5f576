package io.github.stagingtarget.console.shell;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.secrets.SecretMask;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** The {@link CommandResult} of the consoles here: what a command printed, with the mask for its messages. */
@API(status = INTERNAL, since = "0.1")
public final class ExecutedCommand implements CommandResult {

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
     * @param signal the signal that killed the command, e.g. {@code KILL}; {@code exitCode} is then 128 plus
     *     its number, as a shell reports it
     * @param timedOut whether the command was stopped because it ran out of time
     */
    public ExecutedCommand(
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

    @Override
    public String command() {
        return command;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }

    @Override
    public String stdout() {
        return stdout;
    }

    @Override
    public String stderr() {
        return stderr;
    }

    @Override
    public Duration duration() {
        return duration;
    }

    /** The signal that killed the command (e.g. {@code KILL}, {@code SEGV}), if one did and the console knows it. */
    @Override
    public Optional<String> signal() {
        return signal;
    }

    /** Whether the command was stopped because it ran longer than its timeout. */
    @Override
    public boolean timedOut() {
        return timedOut;
    }

    /** Masks with the secrets the mask knows when this is called, not when the command ran. */
    @Override
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
