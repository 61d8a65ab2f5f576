package io.github.stagingtarget.process;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Main class of the supervisor process: one per test JVM, started by {@link ProcessSupervisor}. The test JVM
 * holds the write end of its standard input and sends {@code watch PID START} and {@code forget PID START}
 * lines. When the pipe closes — the test JVM ended, normally or from {@code kill -9}, which no shutdown hook
 * survives — it ends every watched process tree and every process carrying the run's marker, then exits.
 *
 * <p>Not API.
 */
@API(status = INTERNAL, since = "0.1")
public final class Supervisor {

    private Supervisor() {}

    /**
     * @param args the marker prefix ({@code NAME=TOKEN-}) of the run's processes, and the grace period in
     *     milliseconds between SIGTERM and SIGKILL
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Supervisor MARKER_PREFIX GRACE_MILLIS");
            System.exit(2);
        }
        String markerPrefix = args[0];
        Duration grace = Duration.ofMillis(Long.parseLong(args[1]));
        Set<Root> roots = ConcurrentHashMap.newKeySet();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                apply(line, roots);
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the test JVM is gone.
        }
        Reaper.stop(() -> Reaper.members(roots, entry -> entry.startsWith(markerPrefix)), grace);
    }

    private static void apply(String line, Set<Root> roots) {
        try {
            if (line.startsWith("watch ")) {
                roots.add(Root.parse(line.substring("watch ".length())));
            } else if (line.startsWith("forget ")) {
                roots.remove(Root.parse(line.substring("forget ".length())));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("[staging-target supervisor] ignoring '" + line + "': " + e.getMessage());
        }
    }
}
