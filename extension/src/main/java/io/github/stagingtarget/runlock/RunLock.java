package io.github.stagingtarget.runlock;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.console.ConnectionFailedException;
import io.github.stagingtarget.console.shell.HeldScript;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.secrets.SecretMask;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The run lock, held: taken through a {@link ShellConsole} with {@link #acquire}, released by {@link #close}
 * (the end of the run) or by the death of the run's connection. While another run holds it, a progress line
 * naming the holder goes to {@code progress} at once and then every {@link #PROGRESS_EVERY}; a run that
 * cannot get it within {@code run-lock.wait} gets one exception naming the holder.
 *
 * <pre>{@code
 * try (RunLock lock = RunLock.acquire(console, settings, RunOwner.of("staging", System::getenv, Instant.now()),
 *         mask, System.out::println)) {
 *     // reset, seed and test: no other run takes the lock meanwhile
 * }
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class RunLock implements AutoCloseable {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    // The longest a run may hold the lock; far beyond any test run, it only bounds a shell nobody closed.
    private static final Duration HOLD_LIMIT = Duration.ofDays(2);
    // Connecting, and the script's own start, on top of the wait.
    private static final Duration START_GRACE = Duration.ofSeconds(60);

    private final HeldScript held;
    private final Optional<String> waitedFor;
    private final Duration waited;

    private RunLock(HeldScript held, Optional<String> waitedFor, Duration waited) {
        this.held = held;
        this.waitedFor = waitedFor;
        this.waited = waited;
    }

    /**
     * Takes the lock, waiting at most {@code settings.waitTime()} for the run that holds it.
     *
     * @throws StagingTargetException naming the holder if the wait ran out, or saying why the lock could not
     *     be taken at all (no {@code flock} on the server, a directory that cannot be created)
     */
    public static RunLock acquire(
            ShellConsole console,
            RunLockSettings settings,
            RunOwner owner,
            SecretMask mask,
            Consumer<String> progress) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        String where = "the run lock " + settings.lockFile() + " on " + console.describe();
        long start = System.nanoTime();
        long deadline = start + settings.waitTime().plus(START_GRACE).toNanos();
        HeldScript held = console.hold(
                RunLockScripts.holder(settings, mask.apply(owner.describe()), settings.waitTime()),
                lines::add,
                HOLD_LIMIT);
        Optional<String> holder = Optional.empty();
        // From the first word of the holder: connecting to the server is not waiting for the lock.
        long waitStart = 0;
        long nextProgress = 0;
        try {
            while (true) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.equals(RunLockScripts.TAKEN)) {
                    Duration waited =
                            holder.isPresent() ? Duration.ofNanos(System.nanoTime() - waitStart) : Duration.ZERO;
                    holder.ifPresent(name -> progress.accept(
                            "StagingTarget: took " + where + " after waiting " + seconds(waited) + " s for " + name));
                    return new RunLock(held, holder, waited);
                }
                if (line != null && line.startsWith(RunLockScripts.HELD_BY)) {
                    if (holder.isEmpty()) {
                        waitStart = System.nanoTime();
                        nextProgress = waitStart;
                    }
                    holder = Optional.of(name(line.substring(RunLockScripts.HELD_BY.length())));
                    if (System.nanoTime() - nextProgress >= 0) {
                        progress.accept("StagingTarget: waiting for " + where + ", held by " + holder.get() + " ("
                                + seconds(Duration.ofNanos(System.nanoTime() - waitStart)) + " s of "
                                + seconds(settings.waitTime()) + " s, " + settings.key("wait") + ")");
                        nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                    }
                    continue;
                }
                if (line != null && line.equals(RunLockScripts.NO_FLOCK)) {
                    held.close();
                    throw new StagingTargetException("Cannot take " + where + ": the server has no flock command "
                            + "(util-linux). Install it there, or set " + settings.key("mode") + " = off (at "
                            + settings.origin() + ") to run without the lock");
                }
                if (line == null && (held.ended() || System.nanoTime() - deadline > 0)) {
                    held.close();
                    Optional<RuntimeException> unreachable = held.ending()
                            .flatMap(HeldScript.Ending::failure)
                            .filter(ConnectionFailedException.class::isInstance);
                    if (unreachable.isPresent()) {
                        // The server is not there at all: the same one message as for any other command.
                        throw unreachable.get();
                    }
                    throw failure(where, settings, holder, held.ending(), mask);
                }
            }
        } catch (InterruptedException e) {
            held.close();
            Thread.currentThread().interrupt();
            throw new StagingTargetException("Interrupted while waiting for " + where, e);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private static StagingTargetException failure(
            String where,
            RunLockSettings settings,
            Optional<String> holder,
            Optional<HeldScript.Ending> ending,
            SecretMask mask) {
        if (holder.isPresent()
                && ending.map(e -> e.exitCode() == RunLockScripts.WAIT_RAN_OUT).orElse(true)) {
            return new StagingTargetException("Could not take " + where + " within " + seconds(settings.waitTime())
                    + " s (" + settings.key("wait") + ", " + settings.origin() + "): another run holds it: "
                    + holder.get() + ". Nothing of this run was reset or seeded. Wait for that run to end, "
                    + "or raise " + settings.key("wait") + "; a run that died releases the lock by itself");
        }
        String why = ending.map(e -> e.failure()
                        .map(f -> mask.apply(String.valueOf(f.getMessage())))
                        .orElse("the lock script exited with " + e.exitCode()
                                + (e.stderr().isBlank() ? "" : ": " + e.stderr().strip())))
                .orElse("no answer from the server");
        return new StagingTargetException(
                "Could not take " + where + ": " + why + ". Check " + settings.key("directory")
                        + " (the directory must be writable there), or set " + settings.key("mode") + " = off (at "
                        + settings.origin() + ")",
                ending.flatMap(HeldScript.Ending::failure).orElse(null));
    }

    private static String name(String holder) {
        return holder.isBlank() ? "a run that has not yet said who it is" : holder.strip();
    }

    /** Who held the lock while this run waited for it, if it had to wait. */
    public Optional<String> waitedFor() {
        return waitedFor;
    }

    public Duration waited() {
        return waited;
    }

    /** Whether the lock is still held: false once the connection that held it was lost. */
    public boolean isHeld() {
        return !held.ended();
    }

    /** Releases the lock: the holding shell reads end-of-file and exits. */
    @Override
    public void close() {
        held.close();
    }

    /** The lock's state for the doctor, one line; takes and creates nothing. */
    public static String status(ShellConsole console, RunLockSettings settings) {
        String out = console.runScript(RunLockScripts.status(settings), Duration.ofSeconds(30))
                .requireSuccess()
                .stdout()
                .strip();
        String file = settings.lockFile() + " on " + console.describe();
        if (out.equals(RunLockScripts.NO_FLOCK)) {
            throw new StagingTargetException("the server has no flock command (util-linux): runs cannot take " + file
                    + ". Install it there, or set " + settings.key("mode") + " = off");
        }
        if (out.equals(RunLockScripts.NEVER_TAKEN)) {
            return "free: " + file + " was never taken";
        }
        if (out.startsWith(RunLockScripts.FREE)) {
            String last = out.substring(RunLockScripts.FREE.length()).strip();
            return "free: " + file + (last.isEmpty() ? "" : "; last held by " + last);
        }
        if (out.startsWith(RunLockScripts.HELD_BY)) {
            return "held by " + name(out.substring(RunLockScripts.HELD_BY.length())) + ": " + file
                    + "; a run that needs it now waits up to " + seconds(settings.waitTime()) + " s";
        }
        throw new StagingTargetException("unexpected answer from the run lock's status script: " + out);
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0
                ? Long.toString(millis / 1000)
                : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
