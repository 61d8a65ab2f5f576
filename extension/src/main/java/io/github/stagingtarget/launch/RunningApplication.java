package io.github.stagingtarget.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.process.ProcessTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The application under test as started for one run, or found already running. Closing stops a started
 * application with its whole process tree — the processes it started too, also those started while it
 * stops (TERM, then KILL after a grace period) — and leaves one that was reused alone. Should the test JVM
 * be killed, the {@link ProcessTree}'s supervisor stops them instead.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunningApplication implements AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(10);

    /** How long a stopped application may take to be reaped (its exit status collected) on a loaded machine. */
    private static final Duration REAP_WAIT = Duration.ofSeconds(10);

    private final ConfiguredTarget target;
    private final Process process;
    private final ProcessTree tree;
    private final Path logFile;
    private final Thread shutdownHook;

    private RunningApplication(ConfiguredTarget target, Process process, ProcessTree tree, Path logFile) {
        this.target = target;
        this.process = process;
        this.tree = tree;
        this.logFile = logFile;
        this.shutdownHook = tree == null ? null : new Thread(() -> stop(tree, process), "staging-target-stop-app");
        if (shutdownHook != null) {
            // Covers Ctrl-C and SIGTERM of the test JVM, when the store's close() never comes.
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    static RunningApplication started(ConfiguredTarget target, Process process, ProcessTree tree, Path logFile) {
        return new RunningApplication(target, process, tree, logFile);
    }

    /**
     * Stops the tree, then waits until the started process has been reaped: a process that has exited but
     * whose status nobody has collected yet (a zombie) still shows as alive to {@link ProcessHandle#isAlive()}.
     */
    static void stop(ProcessTree tree, Process process) {
        tree.stop(GRACE);
        try {
            process.waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static RunningApplication reused(ConfiguredTarget target) {
        return new RunningApplication(target, null, null, null);
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
        if (tree == null) {
            return;
        }
        stop(tree, process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; it stops the same processes.
        }
    }

    @Override
    public String toString() {
        return process == null
                ? "reused application at " + target.baseUri()
                : "application pid " + process.pid() + " at " + target.baseUri();
    }
}
