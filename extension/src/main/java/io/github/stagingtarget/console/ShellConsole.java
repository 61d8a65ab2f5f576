package io.github.stagingtarget.console;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ServerConsole} built on one primitive, {@link #execute}: run a {@code sh -c} command with an
 * optional standard input, streaming its standard output somewhere. Scripts, uploads ({@code cat > file})
 * and downloads ({@code cat file}) are all commands, so the local and SSH consoles behave alike and SSH
 * needs no SFTP subsystem on the server.
 *
 * <p>Not API: implementations are chosen from configuration.
 */
public abstract class ShellConsole implements ServerConsole, AutoCloseable {

    /** What {@link #execute} reports besides standard output. */
    protected record Execution(int exitCode, String stderr, boolean timedOut) {

        /** Public so that subclasses in other packages can create one (a protected record's constructor is not). */
        public Execution {}
    }

    /** The command that runs a script fed on standard input. */
    protected static final String SCRIPT_SHELL = "sh -s";

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Duration defaultTimeout;
    private final SecretMask mask;
    // Stream pumps: both output streams are drained while the command runs, or a chatty command fills a
    // pipe or window and blocks forever.
    private final ExecutorService pumps = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "staging-target-console-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    protected ShellConsole(Duration defaultTimeout, SecretMask mask) {
        this.defaultTimeout = defaultTimeout;
        this.mask = mask;
    }

    /**
     * Runs {@code command} with {@code sh -c}, feeds {@code stdin} (then end-of-file; none if null), copies
     * standard output to {@code stdout}; stops the command after {@code timeout}.
     */
    protected abstract Execution execute(String command, InputStream stdin, OutputStream stdout, Duration timeout);

    protected SecretMask mask() {
        return mask;
    }

    @Override
    public CommandResult run(String command) {
        return run(command, defaultTimeout);
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        return capture(command, command, null, timeout);
    }

    @Override
    public CommandResult runScript(String script, Duration timeout) {
        return capture(
                SCRIPT_SHELL, script, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), timeout);
    }

    private CommandResult capture(String command, String shown, InputStream stdin, Duration timeout) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        long start = System.nanoTime();
        Execution execution = execute(command, stdin, stdout, timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        CommandResult result = new CommandResult(
                describe(),
                shown,
                execution.exitCode(),
                stdout.toString(StandardCharsets.UTF_8),
                execution.stderr(),
                took,
                mask);
        if (execution.timedOut()) {
            throw new ConsoleException(result.failureMessage("Command timed out after " + seconds(timeout)
                    + " s and was stopped (raise console.command-timeout or pass a longer timeout)"));
        }
        return result;
    }

    @Override
    public void upload(Path localFile, String remotePath) {
        String command = "cat > " + Shell.quote(remotePath);
        try (InputStream in = Files.newInputStream(localFile)) {
            Execution execution = execute(command, in, OutputStream.nullOutputStream(), defaultTimeout);
            check(execution, "Upload of " + localFile + " to " + remotePath + " failed", command, "");
        } catch (IOException e) {
            throw new ConsoleException("Cannot read " + localFile + " to upload it to " + describe(), e);
        }
    }

    @Override
    public void download(String remotePath, Path localFile) {
        String command = "cat -- " + Shell.quote(remotePath);
        try (OutputStream out = Files.newOutputStream(localFile)) {
            Execution execution = execute(command, null, out, defaultTimeout);
            check(execution, "Download of " + remotePath + " to " + localFile + " failed", command, "");
        } catch (IOException e) {
            throw new ConsoleException(
                    "Cannot write " + localFile + " while downloading " + remotePath + " from " + describe(), e);
        }
    }

    private void check(Execution execution, String headline, String command, String stdout) {
        CommandResult result = new CommandResult(
                describe(), command, execution.exitCode(), stdout, execution.stderr(), Duration.ZERO, mask);
        if (execution.timedOut()) {
            throw new ConsoleException(
                    result.failureMessage(headline + ": timed out after " + seconds(defaultTimeout) + " s"));
        }
        if (!result.isSuccess()) {
            throw new CommandFailedException(result.failureMessage(headline), result);
        }
    }

    /** Copies {@code in} to {@code out} on a pump thread, closing {@code out} at the end if asked to. */
    protected Future<?> pump(InputStream in, OutputStream out, boolean closeOut) {
        return pumps.submit(() -> {
            try {
                in.transferTo(out);
                out.flush();
            } finally {
                if (closeOut) {
                    out.close();
                }
            }
            return null;
        });
    }

    /**
     * Waits for a pump until the deadline (nanoTime); false if it is still running then.
     *
     * @throws ConsoleException if the pump failed
     */
    protected boolean await(Future<?> pump, long deadlineNanos, String what) {
        try {
            pump.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new ConsoleException(
                    "Lost the " + what + " of a command on " + describe() + ": "
                            + mask.apply(String.valueOf(e.getCause().getMessage())),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException("Interrupted while waiting for a command on " + describe(), e);
        }
    }

    protected static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0).replaceAll("\\.?0+$", "");
    }

    static String utf8(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        pumps.shutdownNow();
    }

    @Override
    public String toString() {
        return describe();
    }
}
