package io.github.stagingtarget.console.shell;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.CommandFailedException;
import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.CommandTimedOutException;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.console.Shell;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A {@link ServerConsole} built on one primitive, {@link #execute}: run a POSIX {@code sh} script fed on the
 * standard input of one {@code sh -s} on the target, streaming its standard output somewhere. Commands
 * ({@code exec sh -c 'COMMAND' </dev/null}), uploads (base64 here-documents), downloads ({@code cat}) and
 * fixture scripts are all such scripts, so every console behaves alike, SSH needs no SFTP subsystem, and no
 * shell but the target's {@code sh} ever parses a command: not the login shell of an SSH account (fish, csh),
 * not a {@code kubectl exec} or {@code docker exec} wrapper, which only have to start {@code sh -s}.
 *
 * <p>Not API: implementations are chosen from configuration.
 */
@API(status = INTERNAL, since = "0.1")
public abstract class ShellConsole implements ServerConsole, AutoCloseable {

    /**
     * A POSIX {@code sh} script for {@link #execute}: written once to the shell's standard input, which is then
     * closed. The shell reads its commands from there, so no command in it may read standard input: every
     * command this class generates has {@code </dev/null}.
     */
    @FunctionalInterface
    @API(status = INTERNAL, since = "0.1")
    protected interface Script {
        void writeTo(OutputStream stdin) throws IOException;
    }

    /**
     * What {@link #execute} reports besides standard output.
     *
     * @param signal the signal that killed the shell, if it was not its own timeout; {@code exitCode} is then
     *     128 plus the signal's number
     */
    @API(status = INTERNAL, since = "0.1")
    protected record Execution(int exitCode, String stderr, boolean timedOut, Optional<String> signal) {

        /** Public so that subclasses in other packages can create one (a protected record's constructor is not). */
        public Execution {}

        /** An execution that ended with an exit code, or timed out. */
        public Execution(int exitCode, String stderr, boolean timedOut) {
            this(exitCode, stderr, timedOut, Optional.empty());
        }
    }

    /**
     * The shortest timeout. {@code timeout 0} means no timeout at all to coreutils, and a timeout shorter than
     * a round trip to a server stops commands before they start.
     */
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

    /** The key that sets the default timeout, for messages. */
    protected static final String TIMEOUT_KEY = "console.command-timeout";

    /** After the target's {@code timeout} sent TERM, how long until it sends KILL. */
    protected static final int KILL_AFTER_SECONDS = 5;

    /** How long past a command's timeout we wait for the target's {@code timeout} to end it, before we do. */
    protected static final Duration GRACE = Duration.ofSeconds(KILL_AFTER_SECONDS + 5);

    // coreutils timeout exits 124 after TERM, 137 (128 + KILL) when it had to send KILL. busybox timeout execs
    // the command itself and signals it from a child, so its exit status is the signal's: 143 (128 + TERM).
    private static final int TIMEOUT_EXIT = 124;
    private static final int KILLED_EXIT = 128 + 9;
    private static final int TERMINATED_EXIT = 128 + 15;

    private static final String DATA_END = "STAGING_TARGET_DATA_END";
    // Whole 76-character lines (57 bytes each); one here-document per chunk keeps the shell's memory small.
    private static final int UPLOAD_CHUNK = 57 * 8192;
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\n'});
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

    /** @throws IllegalArgumentException if {@code defaultTimeout} is shorter than {@link #MIN_TIMEOUT} */
    protected ShellConsole(Duration defaultTimeout, SecretMask mask) {
        this.defaultTimeout = requireTimeout(defaultTimeout, TIMEOUT_KEY);
        this.mask = mask;
    }

    /**
     * Runs {@code script} in one POSIX shell on the target ({@code sh -s}, reading the script from standard
     * input until end-of-file), copies the shell's standard output to {@code stdout}, and stops the shell and
     * everything it started after {@code timeout}. Standard error is collected for the result. Feed the
     * script with {@link #feed}.
     */
    protected abstract Execution execute(Script script, OutputStream stdout, Duration timeout);

    protected SecretMask mask() {
        return mask;
    }

    @Override
    public CommandResult run(String command) {
        return command(command, defaultTimeout, TIMEOUT_KEY);
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        return command(command, requireTimeout(timeout, "the timeout passed to run"), "the timeout passed to run");
    }

    private CommandResult command(String command, Duration timeout, String timeoutSource) {
        // sh -c parses the whole command before it runs any of it, as a command line should be; its standard
        // input is /dev/null, so a command that reads input gets end-of-file, never the rest of the script.
        Script script = text("exec sh -c " + Shell.quote(command) + " </dev/null\n");
        return capture(command, command, script, timeout, "Command", timeoutSource);
    }

    /**
     * Starts {@code script} in one {@code sh -s} and keeps its standard input open until the returned handle is
     * closed: a script that ends with {@code read} blocks there, and ends when the handle is closed, when the
     * console's connection is lost or when this JVM dies (its end of the pipe or channel closes with it). Each
     * line of its standard output goes to {@code lines}, as it comes, on a thread of the console. The script
     * must not read standard input except in that last {@code read}.
     *
     * @param limit the longest the script may run at all; it is stopped then, like a command that timed out
     */
    public HeldScript hold(String script, Consumer<String> lines, Duration limit) {
        requireTimeout(limit, "the limit passed to hold");
        byte[] bytes = (script.endsWith("\n") ? script : script + "\n").getBytes(StandardCharsets.UTF_8);
        CountDownLatch release = new CountDownLatch(1);
        Script held = stdin -> {
            stdin.write(bytes);
            stdin.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                // The shell ended first (the console cancels its input pump): nothing left to hold.
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<HeldScript.Ending> ending = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try (LineStream out = new LineStream(lines)) {
                        Execution execution = execute(held, out, limit);
                        out.flush();
                        ending.complete(new HeldScript.Ending(
                                execution.exitCode(), mask.apply(execution.stderr()), Optional.empty()));
                    } catch (RuntimeException e) {
                        ending.complete(new HeldScript.Ending(-1, "", Optional.of(e)));
                    } catch (Throwable e) {
                        ending.completeExceptionally(e);
                    } finally {
                        release.countDown();
                    }
                },
                "staging-target-held-script-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return new HeldScript(release, ending);
    }

    /** Standard output cut into lines, UTF-8, for {@link #hold}. */
    private static final class LineStream extends OutputStream {
        private final Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineStream(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    @Override
    public CommandResult runScript(String script, Duration timeout) {
        requireTimeout(timeout, "the timeout passed to runScript");
        // A timed-out script is summarised: it may hold file contents and secrets, and the output tails say more.
        long lines = script.lines().count();
        String summary = "sh -s script of " + lines + (lines == 1 ? " line" : " lines");
        // One brace group reading /dev/null: no command in it can read the script's own later lines (bash reads
        // them one by one), and a script cut short in transit is a syntax error, not half a script run.
        return capture(
                script,
                summary,
                text("{\n" + script + (script.endsWith("\n") ? "" : "\n") + "} </dev/null\n"),
                timeout,
                "Script",
                "the timeout passed to runScript");
    }

    private CommandResult capture(
            String command, String summary, Script script, Duration timeout, String what, String timeoutSource) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        long start = System.nanoTime();
        Execution execution = execute(script, stdout, timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String out = stdout.toString(StandardCharsets.UTF_8);
        if (execution.timedOut()) {
            CommandResult partial = new ExecutedCommand(
                    describe(),
                    summary,
                    execution.exitCode(),
                    out,
                    execution.stderr(),
                    took,
                    mask,
                    Optional.empty(),
                    true);
            throw new CommandTimedOutException(
                    what + " timed out after " + seconds(timeout) + " s (" + timeoutSource + ") and was stopped",
                    partial,
                    timeout);
        }
        return new ExecutedCommand(
                describe(),
                command,
                execution.exitCode(),
                out,
                execution.stderr(),
                took,
                mask,
                execution.signal(),
                false);
    }

    @Override
    public void upload(Path localFile, String remotePath) {
        String target = Shell.quote(remotePath);
        // Opened here, so that a missing file fails before anything runs on the server.
        try (InputStream in = Files.newInputStream(localFile)) {
            // Base64 here-documents are binary-safe and need nothing from the server but sh and base64.
            Script script = stdin -> {
                stdin.write(("set -e\n: > " + target + "\n").getBytes(StandardCharsets.UTF_8));
                byte[] chunk;
                while ((chunk = in.readNBytes(UPLOAD_CHUNK)).length > 0) {
                    stdin.write(
                            ("base64 -d >> " + target + " <<'" + DATA_END + "'\n").getBytes(StandardCharsets.UTF_8));
                    stdin.write(BASE64.encode(chunk));
                    stdin.write(("\n" + DATA_END + "\n").getBytes(StandardCharsets.UTF_8));
                }
            };
            Execution execution = execute(script, OutputStream.nullOutputStream(), defaultTimeout);
            check(execution, "Upload of " + localFile + " to " + remotePath, "base64 -d > " + target);
        } catch (IOException e) {
            throw new ConsoleException("Cannot read " + localFile + " to upload it to " + describe(), e);
        }
    }

    @Override
    public void download(String remotePath, Path localFile) {
        String command = "cat -- " + Shell.quote(remotePath);
        try (OutputStream out = Files.newOutputStream(localFile)) {
            Execution execution = execute(text("exec " + command + " </dev/null\n"), out, defaultTimeout);
            check(execution, "Download of " + remotePath + " to " + localFile, command);
        } catch (IOException e) {
            throw new ConsoleException(
                    "Cannot write " + localFile + " while downloading " + remotePath + " from " + describe(), e);
        }
    }

    private void check(Execution execution, String what, String command) {
        CommandResult result = new ExecutedCommand(
                describe(),
                command,
                execution.exitCode(),
                "",
                execution.stderr(),
                Duration.ZERO,
                mask,
                execution.signal(),
                execution.timedOut());
        if (execution.timedOut()) {
            throw new CommandTimedOutException(
                    what + " timed out after " + seconds(defaultTimeout) + " s (" + TIMEOUT_KEY + ") and was stopped",
                    result,
                    defaultTimeout);
        }
        if (!result.isSuccess()) {
            throw new CommandFailedException(result.failureMessage(what + " failed"), result);
        }
    }

    /**
     * The shell every remote console starts on the target: {@code timeout -k 5 SECONDS sh -s}. {@code timeout}
     * runs on the target, so a command that runs too long is really stopped there, whatever happens to the
     * connection or wrapper that started it (closing an SSH channel or killing a {@code kubectl exec} client
     * stops nothing that has no terminal). Only digits vary, so any shell parses it the same way.
     */
    protected static String remoteShell(Duration timeout) {
        return "timeout -k " + KILL_AFTER_SECONDS + " " + seconds(timeout) + " sh -s";
    }

    /**
     * Whether the exit status of {@link #remoteShell} says its {@code timeout} stopped the script.
     *
     * @param late whether the command's timeout had passed when it ended: a script may exit 124 by itself
     */
    protected static boolean stoppedByRemoteTimeout(int status, boolean late) {
        return late && (status == TIMEOUT_EXIT || status == KILLED_EXIT || status == TERMINATED_EXIT);
    }

    /**
     * @param source the setting or argument the timeout came from, for the message
     * @throws IllegalArgumentException if the timeout is missing or shorter than {@link #MIN_TIMEOUT}
     */
    protected static Duration requireTimeout(Duration timeout, String source) {
        if (timeout == null || timeout.compareTo(MIN_TIMEOUT) < 0) {
            throw new IllegalArgumentException("A command timeout must be at least " + MIN_TIMEOUT.toSeconds()
                    + " s, but " + source + " was " + (timeout == null ? "null" : seconds(timeout) + " s")
                    + ": a shorter one would stop commands before they start, and 0 would mean no timeout");
        }
        return timeout;
    }

    /** A script of fixed text. */
    protected static Script text(String script) {
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        return stdin -> stdin.write(bytes);
    }

    /**
     * Writes the script to the shell's standard input on a pump thread and closes it, so the shell reads
     * end-of-file after the last line.
     */
    protected Future<?> feed(Script script, OutputStream stdin) {
        return pumps.submit(() -> {
            try (OutputStream out = new BufferedOutputStream(stdin, 64 * 1024)) {
                script.writeTo(out);
            }
            return null;
        });
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
