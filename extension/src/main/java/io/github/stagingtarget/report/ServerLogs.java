package io.github.stagingtarget.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.console.Shell;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The lines a test made the server write to its logs. {@link #mark()} remembers each log file's size in one
 * command before the test; {@link #since} reads what was appended after that (a file that shrank was
 * rotated, so its last lines are read instead) and runs each log command with the test's start. Every
 * source yields at most {@link LogSettings#maxBytes()} bytes and {@link LogSettings#maxLines()} lines, the
 * last ones, cut on the server. A file that cannot be read says why.
 *
 * <pre>{@code
 * ServerLogs logs = new ServerLogs(settings, console);
 * Map<String, Long> before = logs.mark();
 * Instant start = Instant.now();
 * // ... the test runs and fails ...
 * List<ServerLogs.Output> written = logs.since(before, start);
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ServerLogs {

    /** What one source printed; not yet masked. */
    @API(status = INTERNAL, since = "0.1")
    public record Output(LogSource source, String text) {}

    private final LogSettings settings;
    private final ServerConsole console;

    public ServerLogs(LogSettings settings, ServerConsole console) {
        this.settings = settings;
        this.console = console;
    }

    private List<String> files() {
        return settings.sources().stream()
                .flatMap(source -> source.file().stream())
                .toList();
    }

    /** Each file's size now, {@code -1} for a file that cannot be read; one command for all files. */
    public Map<String, Long> mark() {
        List<String> files = files();
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (files.isEmpty()) {
            return sizes;
        }
        String command = "for f in " + files.stream().map(ServerLogs::path).collect(Collectors.joining(" "))
                + "; do if [ -f \"$f\" ] && [ -r \"$f\" ]; then wc -c < \"$f\"; else echo -1; fi; done";
        List<String> lines = console.run(command)
                .requireSuccess()
                .stdout()
                .lines()
                .map(String::trim)
                .toList();
        for (int i = 0; i < files.size(); i++) {
            sizes.put(files.get(i), i < lines.size() ? parse(lines.get(i)) : -1L);
        }
        return sizes;
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    /** Each source's output since {@code marks} (files) and {@code start} (commands), in configured order. */
    public List<Output> since(Map<String, Long> marks, Instant start) {
        List<Output> outputs = new ArrayList<>();
        for (LogSource source : settings.sources()) {
            String command = source.file().isPresent()
                    ? fileCommand(
                            source.file().get(),
                            marks.getOrDefault(source.file().get(), -1L))
                    : logCommand(source.command().orElseThrow(), start);
            CommandResult result = console.run(command);
            String what = source.file().map(f -> "Could not read " + f).orElse("Could not run the log command");
            outputs.add(new Output(source, result.isSuccess() ? result.stdout() : result.failureMessage(what)));
        }
        return outputs;
    }

    /**
     * A path as a shell word: quoted, except that a leading {@code ~/} is the home of the user the console
     * runs as (quoted, a tilde would be taken literally).
     */
    static String path(String file) {
        if (file.equals("~")) {
            return "\"$HOME\"";
        }
        if (file.startsWith("~/")) {
            return "\"$HOME\"/" + Shell.quote(file.substring(2));
        }
        return Shell.quote(file);
    }

    private String fileCommand(String file, long mark) {
        long bytes = settings.maxBytes();
        return "f=" + path(file) + "; m=" + mark + "; b=" + bytes
                + "; if [ ! -e \"$f\" ]; then echo \"(cannot read $f: no such file)\"; exit 0; fi"
                + "; if [ -d \"$f\" ]; then echo \"(cannot read $f: it is a directory)\"; exit 0; fi"
                + "; if [ ! -r \"$f\" ]; then echo \"(cannot read $f: permission denied for user $(id -un))\"; exit 0; fi"
                + "; s=$(wc -c < \"$f\")"
                + "; if [ \"$m\" -ge 0 ] && [ \"$s\" -ge \"$m\" ]; then n=$((s - m)); else m=0; n=$s; fi"
                + "; if [ \"$n\" -gt \"$b\" ]; then echo \"(only the last $b of $n new bytes:"
                + " the first line below may be cut; evidence.server-log-bytes sets the limit)\"; fi"
                + "; tail -c +$((m + 1)) \"$f\" | tail -c \"$b\" | tail -n " + settings.maxLines();
    }

    /**
     * The command with its placeholders filled in as quoted words; both output streams, cut like a file's
     * new lines; its exit status said when it is not 0. Reads no stdin, which is the script's.
     */
    private String logCommand(String template, Instant start) {
        Instant since = start.truncatedTo(ChronoUnit.SECONDS);
        String command = template.replace(LogSource.SINCE_EPOCH, Shell.quote(Long.toString(since.getEpochSecond())))
                .replace(LogSource.SINCE, Shell.quote(since.toString()));
        // A subshell, so that an `exit` in the command ends only the command.
        return "{ rc=$( { { ( " + command + "\n) </dev/null 2>&1; echo \"$?\" >&3; } | tail -c "
                + settings.maxBytes() + " | tail -n " + settings.maxLines() + " >&4; } 3>&1 ); } 4>&1"
                + "; [ \"$rc\" = 0 ] || echo \"(the log command exited with status $rc)\"";
    }
}
