package io.github.stagingtarget.console.shell;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * A script started by {@link ShellConsole#hold}: its shell's standard input stays open until {@link #close},
 * so a script that ends with {@code read} lives exactly as long as this handle, or as the console's connection
 * or the whole JVM, whichever goes first. Not API.
 */
@API(status = INTERNAL, since = "0.1")
public final class HeldScript implements AutoCloseable {

    /** How the script ended: its exit code and standard error (masked), or the console's failure. */
    @API(status = INTERNAL, since = "0.1")
    public record Ending(int exitCode, String stderr, Optional<RuntimeException> failure) {}

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final CountDownLatch release;
    private final CompletableFuture<Ending> ending;

    HeldScript(CountDownLatch release, CompletableFuture<Ending> ending) {
        this.release = release;
        this.ending = ending;
    }

    /** Whether the script has ended (by itself, or because the connection was lost). */
    public boolean ended() {
        return ending.isDone();
    }

    /** How it ended, once {@link #ended()}. */
    public Optional<Ending> ending() {
        return ended() ? Optional.of(ending.join()) : Optional.empty();
    }

    /** Waits at most {@code timeout} for the script to end. */
    public Optional<Ending> awaitEnding(Duration timeout) {
        try {
            return Optional.of(ending.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Closes the script's standard input, and waits a little for it to end. */
    @Override
    public void close() {
        release.countDown();
        awaitEnding(CLOSE_WAIT);
    }
}
