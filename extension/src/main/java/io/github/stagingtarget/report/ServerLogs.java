package io.github.stagingtarget.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.console.Shell;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The lines a test made the server write to its log files. {@link #mark()} remembers each file's size in
 * one command before the test; {@link #since} reads what was appended after that, at most {@code maxLines}
 * lines per file (a file that shrank was rotated, so its last lines are read instead).
 *
 * <pre>{@code
 * ServerLogs logs = new ServerLogs(List.of("/srv/app/app.log"), 500, console);
 * Map<String, Long> before = logs.mark();
 * // ... the test runs and fails ...
 * Map<String, String> written = logs.since(before);   // file -> new lines
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ServerLogs {

    private final List<String> files;
    private final int maxLines;
    private final ServerConsole console;

    public ServerLogs(List<String> files, int maxLines, ServerConsole console) {
        this.files = List.copyOf(files);
        this.maxLines = maxLines;
        this.console = console;
    }

    /** Each file's size now, {@code -1} for a file that cannot be read; one command for all files. */
    public Map<String, Long> mark() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (files.isEmpty()) {
            return sizes;
        }
        String command = "for f in " + Shell.quoteAll(files)
                + "; do if [ -r \"$f\" ]; then wc -c < \"$f\"; else echo -1; fi; done";
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

    /** What each file got since {@code marks}; a file without a mark gives its last lines. */
    public Map<String, String> since(Map<String, Long> marks) {
        Map<String, String> written = new LinkedHashMap<>();
        for (String file : files) {
            long mark = marks.getOrDefault(file, -1L);
            String command = "f=" + Shell.quote(file) + "; m=" + mark
                    + "; [ -r \"$f\" ] || { echo \"(cannot read $f)\"; exit 0; }"
                    + "; s=$(wc -c < \"$f\")"
                    + "; if [ \"$m\" -ge 0 ] && [ \"$s\" -ge \"$m\" ]; then tail -c +$((m + 1)) \"$f\"; else cat \"$f\"; fi"
                    + " | tail -n " + maxLines;
            CommandResult result = console.run(command);
            written.put(file, result.isSuccess() ? result.stdout() : result.failureMessage("Could not read " + file));
        }
        return written;
    }
}
