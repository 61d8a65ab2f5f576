package io.github.stagingtarget.process;

import java.time.Instant;
import java.util.Optional;

/**
 * A process this run started, named by pid and start time, so that a pid the system has given to another
 * process since is never taken for it.
 *
 * @param pid the process id
 * @param startMillis its start time in epoch milliseconds, 0 when the system does not tell
 */
record Root(long pid, long startMillis) {

    static Root of(ProcessHandle process) {
        return new Root(
                process.pid(),
                process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /** Parses what {@link #toString()} wrote. */
    static Root parse(String text) {
        String[] parts = text.trim().split(" ");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected 'PID START_MILLIS', got '" + text + "'");
        }
        return new Root(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    /** The process, while it runs; empty once it ended or its pid belongs to another process. */
    Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isSameProcess);
    }

    /** True when another process than this one holds its pid now. */
    boolean recycled() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> !isSameProcess(process))
                .orElse(false);
    }

    private boolean isSameProcess(ProcessHandle process) {
        // Without a start time there is no telling a recycled pid apart: never take it for ours.
        return startMillis != 0
                && process.info()
                        .startInstant()
                        .map(start -> start.toEpochMilli() == startMillis)
                        .orElse(false);
    }

    @Override
    public String toString() {
        return pid + " " + startMillis;
    }
}
