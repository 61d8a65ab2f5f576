package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Which of some processes are still running, after waiting for them to end. */
public final class Survivors {

    private Survivors() {}

    /**
     * Waits up to {@code timeout} for every process to end, then describes those still running. A zombie
     * (ended, not yet reaped) counts as ended: it runs nothing.
     */
    public static List<String> of(Collection<Long> pids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long pid : pids) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || zombie(pid)) {
                continue;
            }
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                process.get().onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // Reported below, unless it is a zombie by now.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        List<String> alive = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> !zombie(pid))
                    .ifPresent(process ->
                            alive.add(pid + " " + process.info().commandLine().orElse("?")));
        }
        return alive;
    }

    public static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new AssertionError("no pid in " + file, e);
        }
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
