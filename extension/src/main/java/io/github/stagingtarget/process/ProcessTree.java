package io.github.stagingtarget.process;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The processes behind one thing the run started — the application under test, or one browser with its
 * driver — so that they can all be stopped, not only the one the test JVM started. Members are the roots
 * added here and everything they start: found through the process tree, the session a root leads (see
 * {@link #inNewSession}), and the marker variable {@link #environment()} puts in the roots' environment,
 * which their descendants inherit even after a double fork or {@code setsid}.
 *
 * <p>Creating a tree makes sure this JVM's supervisor process runs: should the test JVM die, even from
 * {@code kill -9}, the supervisor ends every tree's members.
 *
 * <pre>{@code
 * ProcessTree tree = ProcessTree.create();
 * ProcessBuilder builder = new ProcessBuilder(tree.inNewSession(command));
 * builder.environment().putAll(tree.environment());
 * tree.add(builder.start().toHandle());
 * ...
 * tree.stop(Duration.ofSeconds(10));
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ProcessTree {

    /** The environment variable that marks a run's processes; its value names the tree. */
    public static final String MARKER = "STAGING_TARGET_PROCESS_TREE";

    private static final AtomicLong TREES = new AtomicLong();

    private final String id;
    private final Set<Root> roots = ConcurrentHashMap.newKeySet();

    private ProcessTree(String id) {
        this.id = id;
    }

    /**
     * A new, empty tree; starts this JVM's supervisor on first use.
     *
     * @throws StagingTargetException if the supervisor cannot be started
     */
    public static ProcessTree create() {
        ProcessSupervisor.ensureRunning();
        return new ProcessTree(ProcessSupervisor.TOKEN + "-" + TREES.incrementAndGet());
    }

    /** Variables to add to the environment of every root before it starts. */
    public Map<String, String> environment() {
        return Map.of(MARKER, id);
    }

    /**
     * {@code command} made to start a new session whose id is the root's pid, where the system can
     * ({@code setsid} on Linux); unchanged elsewhere. The command's executable must exist: {@code setsid}
     * reports a missing one only as its own exit code 1.
     */
    public List<String> inNewSession(List<String> command) {
        List<String> wrapped = new ArrayList<>(Setsid.newSession());
        wrapped.addAll(command);
        return wrapped;
    }

    /** Adds a started process as a root; the supervisor watches it from now on. */
    public void add(ProcessHandle root) {
        Root watched = Root.of(root);
        roots.add(watched);
        ProcessSupervisor.watch(watched);
    }

    /**
     * Adds the children of this JVM that belong to this tree, for processes started by a library that does
     * not hand out its {@link Process} (Selenium's driver services). On Linux a child belongs to the tree by
     * its marker; elsewhere a child running {@code executable} is watched by the supervisor (a driver of a
     * browser started in parallel may be among them, which is harmless there) but not added.
     */
    public void adoptChildren(Path executable) {
        Optional<Path> wanted = realPath(executable.toString());
        ProcessHandle.current().children().forEach(child -> {
            if (ProcFs.available()) {
                if (ProcFs.hasEnvironmentEntry(child.pid(), this::isMarker)) {
                    add(child);
                }
            } else if (wanted.isPresent()
                    && child.info().command().flatMap(ProcessTree::realPath).equals(wanted)) {
                ProcessSupervisor.watch(Root.of(child));
            }
        });
    }

    /** The live members now. */
    public List<ProcessHandle> members() {
        return Reaper.members(roots, this::isMarker);
    }

    /**
     * Stops every member: SIGTERM, up to {@code grace} to exit, then SIGKILL. Members that appear meanwhile
     * are stopped too.
     *
     * @return true when none is left
     */
    public boolean stop(Duration grace) {
        boolean stopped = Reaper.stop(this::members, grace);
        if (stopped) {
            for (Root root : List.copyOf(roots)) {
                roots.remove(root);
                ProcessSupervisor.forget(root);
            }
        }
        return stopped;
    }

    /**
     * Kills {@code process} and its descendants now (SIGKILL, again for any that appear meanwhile), for a
     * command that ran out of time; the same reaping as {@link #stop}, without the grace.
     *
     * @return true when none is left
     */
    public static boolean kill(Process process) {
        return Reaper.stop(
                () -> Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                        .filter(ProcessHandle::isAlive)
                        .toList(),
                Duration.ZERO);
    }

    /**
     * Who, other than this tree's members, listens on TCP {@code port} on this machine — e.g. a process that
     * took a free port between its choice and the application binding it.
     *
     * @return a description of that process; empty when a member listens there, when nothing does, or when
     *     it cannot be told (no {@code /proc}, or a member this user may not look at)
     */
    public Optional<String> foreignListener(int port) {
        if (!ProcFs.available()) {
            return Optional.empty();
        }
        Set<Long> listening = ProcFs.listeningSockets(port);
        if (listening.isEmpty()) {
            return Optional.empty();
        }
        for (ProcessHandle member : members()) {
            Optional<Set<Long>> sockets = ProcFs.sockets(member.pid());
            if (sockets.isEmpty() || !Collections.disjoint(sockets.get(), listening)) {
                return Optional.empty();
            }
        }
        // A child forked a moment ago holds its parent's sockets until it closes them or execs: the oldest
        // holder is the one that opened the port.
        return ProcFs.processes().keySet().stream()
                .filter(pid -> ProcFs.sockets(pid)
                        .map(sockets -> !Collections.disjoint(sockets, listening))
                        .orElse(false))
                .min(Comparator.comparing(ProcessTree::startedAt).thenComparing(Comparator.naturalOrder()))
                .map(pid -> "pid " + pid
                        + ProcFs.commandLine(pid)
                                .map(line -> " (" + abbreviate(line) + ")")
                                .orElse(""))
                .or(() -> Optional.of("a process of another user"));
    }

    private static Instant startedAt(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().startInstant())
                .orElse(Instant.MAX);
    }

    private boolean isMarker(String entry) {
        return entry.equals(MARKER + "=" + id);
    }

    /** Keeps both ends: the program, and what it runs (for java, the main class comes last). */
    private static String abbreviate(String commandLine) {
        return commandLine.length() <= 240
                ? commandLine
                : commandLine.substring(0, 120) + "…" + commandLine.substring(commandLine.length() - 120);
    }

    private static Optional<Path> realPath(String path) {
        try {
            return Optional.of(Path.of(path).toRealPath());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "process tree " + id + " " + roots;
    }
}
