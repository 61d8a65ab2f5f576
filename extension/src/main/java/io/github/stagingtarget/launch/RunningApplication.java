package io.github.stagingtarget.launch;

import io.github.stagingtarget.config.ConfiguredTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The application under test as started for one run, or found already running. Closing stops a started
 * application with its whole process tree (TERM, then KILL after a grace period) and leaves one that was
 * reused alone.
 */
public final class RunningApplication implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final ConfiguredTarget target;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private RunningApplication(ConfiguredTarget target, Process process, Path logFile) {
        this.target = target;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = process == null ? null : new Thread(() -> stop(process), "staging-target-stop-app");
        if (shutdownHook != null) {
            // Covers Ctrl-C and SIGTERM of the test JVM, when the store's close() never comes.
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    static RunningApplication started(ConfiguredTarget target, Process process, Path logFile) {
        return new RunningApplication(target, process, logFile);
    }

    static RunningApplication reused(ConfiguredTarget target) {
        return new RunningApplication(target, null, null);
    }

    public ConfiguredTarget target() {
        return target;
    }

    /** The process this run started; empty if a running server was reused. */
    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    public Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; it stops the same process.
        }
    }

    static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ProcessHandle descendant : descendants) {
                if (descendant.isAlive()) {
                    descendant.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return process == null
                ? "reused application at " + target.baseUri()
                : "application pid " + process.pid() + " at " + target.baseUri();
    }
}
