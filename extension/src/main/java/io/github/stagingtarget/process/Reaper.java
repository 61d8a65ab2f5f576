package io.github.stagingtarget.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Finds the processes that belong to a set of started processes, and ends them. Shared by the test JVM
 * (stopping one application or browser) and the {@link Supervisor} (stopping everything after the test JVM
 * died).
 */
final class Reaper {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 50;

    private Reaper() {}

    /**
     * The live processes of the trees under {@code roots}. On Linux: the roots, the members of sessions and
     * process groups they lead (found even after re-parenting to init, e.g. a daemon's double fork), every
     * process whose environment has an entry {@code marker} accepts (found even after {@code setsid}), and
     * all descendants of these. Elsewhere: the roots and their descendants.
     */
    static List<ProcessHandle> members(Collection<Root> roots, Predicate<String> marker) {
        long self = ProcessHandle.current().pid();
        Set<Long> found = new LinkedHashSet<>();
        for (Root root : roots) {
            root.live().ifPresent(process -> found.add(process.pid()));
        }
        if (ProcFs.available()) {
            Map<Long, ProcFs.Stat> processes = ProcFs.processes();
            // A session or group outlives its leader, but its id is never given to another process meanwhile;
            // once some other process holds the root's pid, that id names someone else's session.
            Set<Long> leaders = new HashSet<>();
            for (Root root : roots) {
                if (!root.recycled()) {
                    leaders.add(root.pid());
                }
            }
            Map<Long, List<Long>> children = new HashMap<>();
            processes.forEach((pid, stat) -> {
                if (stat.exited()) {
                    return;
                }
                children.computeIfAbsent(stat.parent(), parent -> new ArrayList<>())
                        .add(pid);
                if (leaders.contains(stat.session())
                        || leaders.contains(stat.group())
                        || ProcFs.hasEnvironmentEntry(pid, marker)) {
                    found.add(pid);
                }
            });
            Deque<Long> queue = new ArrayDeque<>(found);
            while (!queue.isEmpty()) {
                for (long child : children.getOrDefault(queue.poll(), List.of())) {
                    if (found.add(child)) {
                        queue.add(child);
                    }
                }
            }
            found.removeIf(
                    pid -> !processes.containsKey(pid) || processes.get(pid).exited());
        } else {
            for (Root root : roots) {
                root.live()
                        .ifPresent(process -> process.descendants().forEach(descendant -> found.add(descendant.pid())));
            }
        }
        found.remove(self);
        List<ProcessHandle> members = new ArrayList<>();
        for (long pid : found) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(members::add);
        }
        return members;
    }

    /**
     * Asks every member to terminate (SIGTERM), including members that appear meanwhile, waits up to
     * {@code grace} (cut short by an interrupt), then kills what is left (SIGKILL).
     *
     * @return true when no member is left
     */
    static boolean stop(Supplier<List<ProcessHandle>> members, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        Set<ProcessHandle> asked = new HashSet<>();
        List<ProcessHandle> alive = members.get();
        boolean interrupted = false;
        while (!alive.isEmpty() && !interrupted && System.nanoTime() < deadline) {
            for (ProcessHandle process : alive) {
                // Once each: to some programs a second TERM means "stop cleaning up and quit now".
                if (asked.add(process)) {
                    process.destroy();
                }
            }
            interrupted = !pause();
            alive = members.get();
        }
        for (long round = 0; !alive.isEmpty() && round < KILL_WAIT.toMillis() / POLL_MILLIS; round++) {
            alive.forEach(ProcessHandle::destroyForcibly);
            pause();
            alive = members.get();
        }
        return alive.isEmpty();
    }

    /**
     * Returns false when interrupted. Processes that are not our children have no exit event to wait on (and a zombie never "exits"), so
     * the members are polled.
     */
    private static boolean pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            // Interrupted: no more grace, but still kill (bounded by rounds, as sleeping ends at once now).
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
