package io.github.stagingtarget.console.shell;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.ConnectionFailedException;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.Shell;
import io.github.stagingtarget.process.ProcessTree;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A {@link io.github.stagingtarget.console.ServerConsole} that reaches the target through a command run on
 * this machine which opens a POSIX shell in the target's environment, reading a script from standard input:
 * {@code kubectl exec -i … -- sh -s}, {@code docker exec -i CONTAINER sh -s}, {@code docker compose exec -T
 * SERVICE sh -s}, {@code runuser -u USER -- sh -s}, {@code nsenter -t PID -m -p -- sh -s}. Everything else is
 * the SSH console's: the same scripts on standard input, the same {@code timeout -k 5 N sh -s} on the target.
 *
 * <p>Every execution is a handshake. The wrapper's shell first gets one line only, which prints a marker and
 * then {@code exec}s {@code timeout … sh -s}; the script follows once the marker arrived. So
 *
 * <ul>
 *   <li>a wrapper that fails before any shell runs (pod not found, no context, permission denied) is told apart
 *       from a command that fails inside: no marker, and its own standard error in the message;
 *   <li>the outer shell has read nothing of the script when it {@code exec}s (dash and busybox read standard
 *       input in blocks), and whatever the wrapper printed before the marker never reaches a download;
 *   <li>a command that runs too long is stopped in the target by its {@code timeout}: killing the local
 *       {@code kubectl} client stops nothing there. The local wrapper is killed only if the target's
 *       {@code timeout} did not end it within a grace period.
 * </ul>
 *
 * <pre>{@code
 * ExecConsole console = new ExecConsole(new ExecSettings("staging",
 *         List.of("kubectl", "exec", "-i", "-n", "staging", "deploy/web", "--", "sh", "-s"),
 *         "staging-target.targets.staging.console.command", "staging-target.conf:12",
 *         Optional.empty(), Map.of()), Duration.ofMinutes(5), new SecretMask());
 * console.run("app db migrate").requireSuccess();
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ExecConsole extends ShellConsole {

    // Printed in two halves, so that a wrapper which echoes its input (a terminal, `-t`) cannot fake it.
    static final String MARKER = "STAGING_TARGET_SHELL_";
    static final String READY = "READY";
    static final String NO_TIMEOUT = "NO_TIMEOUT";

    private final ExecSettings settings;

    public ExecConsole(ExecSettings settings, Duration defaultTimeout, SecretMask mask) {
        super(defaultTimeout, mask);
        this.settings = settings;
    }

    @Override
    public String describe() {
        // A token may stand in the command (kubectl --token X): shown masked wherever the console is named.
        return "target '" + settings.target() + "' (exec " + Shell.quoteAll(mask().applyToArguments(settings.command()))
                + ")";
    }

    /** The one line the wrapper's shell reads before the script: marker, then the target's timed shell. */
    static String handshake(Duration timeout) {
        return "if command -v timeout >/dev/null 2>&1; then printf '%s%s\\n' " + MARKER + " " + READY + "; exec "
                + remoteShell(timeout) + "; else printf '%s%s\\n' " + MARKER + " " + NO_TIMEOUT + "; exit 127; fi\n";
    }

    @Override
    protected Execution execute(Script script, OutputStream stdout, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.plus(GRACE).toNanos();
        Process process = start();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        MarkerFilter out = new MarkerFilter(stdout);
        Future<?> errPump = pump(process.getErrorStream(), stderr, false);
        Future<?> outPump = pump(process.getInputStream(), out, false);
        Future<?> inPump = null;
        try {
            OutputStream stdin = process.getOutputStream();
            try {
                stdin.write(handshake(timeout).getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                // The wrapper is already gone: reported below from its exit code and standard error.
            }
            String status = out.awaitMarker(outPump, deadline);
            if (status == null) {
                throw beforeShell(process, stderr, errPump, out, outPump, deadline, timeout.plus(GRACE));
            }
            if (status.equals(NO_TIMEOUT)) {
                stop(process);
                throw new ConsoleException(mask().apply("The shell of " + describe() + " started, but its PATH has no "
                        + "`timeout` command, which stops commands that run too long in the target: install "
                        + "coreutils (or busybox) in the image, or start the shell with a PATH that has it"));
            }
            inPump = feed(script, stdin);
            boolean finished = waitFor(process, deadline);
            if (!finished) {
                // The target's timeout did not end it (it is not running there any more, or the wrapper hangs).
                stop(process);
            }
            long drainDeadline = Math.max(deadline, System.nanoTime()) + TimeUnit.SECONDS.toNanos(5);
            boolean drained =
                    await(outPump, drainDeadline, "standard output") & await(errPump, drainDeadline, "standard error");
            String errors = utf8(stderr);
            if (!finished || !drained) {
                return new Execution(-1, errors, true);
            }
            int exitCode = process.exitValue();
            boolean late = System.nanoTime() - start >= timeout.toNanos();
            return new Execution(exitCode, errors, stoppedByRemoteTimeout(exitCode, late));
        } finally {
            if (inPump != null && !inPump.isDone()) {
                inPump.cancel(true);
            }
            if (process.isAlive()) {
                stop(process);
            }
        }
    }

    private Process start() {
        ProcessBuilder builder = new ProcessBuilder(settings.command());
        settings.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        builder.environment().putAll(settings.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            String program = settings.command().get(0);
            throw new ConnectionFailedException(
                    mask().apply("Cannot run the console command of " + describe() + ": " + e.getMessage()
                            + ". Is `" + program + "` installed and on the PATH of the test JVM"
                            + settings.workingDirectory()
                                    .map(dir -> ", relative to " + dir.toAbsolutePath())
                                    .orElse("")
                            + "? (" + settings.key() + " at " + settings.origin() + ")"),
                    e);
        }
    }

    /** The wrapper ended, or hung, without starting the shell: its own words are the message. */
    private ConnectionFailedException beforeShell(
            Process process,
            ByteArrayOutputStream stderr,
            Future<?> errPump,
            MarkerFilter out,
            Future<?> outPump,
            long deadline,
            Duration waited) {
        boolean exited = waitFor(process, Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
        if (!exited) {
            stop(process);
        }
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        await(errPump, drainDeadline, "standard error");
        await(outPump, drainDeadline, "standard output");
        String nl = System.lineSeparator();
        String ending = exited
                ? "exited with code " + process.exitValue()
                : "printed no sign of a shell within " + seconds(waited) + " s and was stopped";
        return new ConnectionFailedException(
                mask().apply("The console command of " + describe() + " " + ending
                        + " before its shell started: the pod, container or user is not there, or the command "
                        + "could not reach or enter it. Check " + settings.key() + " (" + settings.origin()
                        + "): run on this machine, it must open a POSIX shell in the target reading a script "
                        + "from standard input, e.g. [\"kubectl\", \"exec\", \"-i\", \"-n\", \"NAMESPACE\", "
                        + "\"deploy/NAME\", \"--\", \"sh\", \"-s\"]" + nl
                        + "--- stderr (last " + ExecutedCommand.TAIL_LINES + " lines) ---" + nl
                        + ExecutedCommand.tail(utf8(stderr)) + nl
                        + "--- stdout (last " + ExecutedCommand.TAIL_LINES + " lines) ---" + nl
                        + ExecutedCommand.tail(out.beforeMarker())),
                null);
    }

    private static boolean waitFor(Process process, long deadlineNanos) {
        try {
            return process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.kill(process);
            throw new ConsoleException("Interrupted while waiting for a command", e);
        }
    }

    private static void stop(Process process) {
        ProcessTree.kill(process);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Holds back standard output until the marker line, then passes everything on: what the wrapper printed
     * before its shell started (a banner, a warning) is kept for messages, never mixed into a download.
     */
    static final class MarkerFilter extends OutputStream {

        private final OutputStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final ByteArrayOutputStream before = new ByteArrayOutputStream();
        private final CountDownLatch seen = new CountDownLatch(1);
        private volatile String status;

        MarkerFilter(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (status != null) {
                target.write(bytes, offset, length);
                return;
            }
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] != '\n') {
                    line.write(bytes[i]);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.startsWith(MARKER)) {
                    status = text.substring(MARKER.length()).strip();
                    seen.countDown();
                    target.write(bytes, i + 1, offset + length - i - 1);
                    return;
                }
                before.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void flush() throws IOException {
            if (status != null) {
                target.flush();
            }
        }

        /** The marker's status word, or null if the output ended (the pump is done) or time ran out first. */
        String awaitMarker(Future<?> pump, long deadlineNanos) {
            try {
                while (status == null && !pump.isDone() && System.nanoTime() < deadlineNanos) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                    seen.await(Math.min(50, Math.max(1, left)), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return status;
        }

        String beforeMarker() {
            return before.toString(StandardCharsets.UTF_8) + line.toString(StandardCharsets.UTF_8);
        }
    }
}
