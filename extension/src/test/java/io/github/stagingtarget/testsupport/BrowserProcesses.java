package io.github.stagingtarget.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The browser and driver processes this JVM started and that are still alive. */
public final class BrowserProcesses {

    /**
     * The lock of test classes that start browsers in this JVM's process tree or check that none is left:
     * such a check sees every browser of the JVM, also those of a class running alongside.
     */
    public static final String LOCK = "stagingtarget.test.browser-processes";

    private BrowserProcesses() {}

    public static List<ProcessHandle> alive() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .command()
                        .map(command ->
                                command.contains("chrom") || command.contains("gecko") || command.contains("firefox"))
                        .orElse(false))
                .collect(Collectors.toList());
    }

    /**
     * Gives processes that are already exiting a moment to be reaped (Chromium's helpers end shortly after
     * the driver has quit), then returns those still alive, described.
     */
    public static List<String> leftAfter(Duration grace) {
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle process : alive()) {
            long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            try {
                process.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // Still alive: reported below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return alive().stream()
                .map(process ->
                        process.pid() + " " + process.info().commandLine().orElse("?"))
                .collect(Collectors.toList());
    }
}
