package io.github.stagingtarget.console.shell;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.process.ProcessTree;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A {@link ServerConsole} for a target on this machine: every command is a local {@code sh -s} process
 * reading its script from standard input, in the configured working directory, with the configured
 * environment added. {@code sh} is looked up in that environment's {@code PATH} when it sets one, so the
 * shell is the one the commands would find. A timed-out command is killed together with every process it
 * started.
 *
 * <pre>{@code
 * // staging-target.conf:  targets.local.console { working-directory = "../app", env { APP_ENV = test } }
 * LocalConsole console = new LocalConsole("local", Optional.of(Path.of("../app")), Map.of("APP_ENV", "test"),
 *         Duration.ofMinutes(5), new SecretMask());
 * console.run("./app db reset").requireSuccess();
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class LocalConsole extends ShellConsole {

    private final String targetName;
    private final Optional<Path> workingDirectory;
    private final Map<String, String> environment;

    public LocalConsole(
            String targetName,
            Optional<Path> workingDirectory,
            Map<String, String> environment,
            Duration defaultTimeout,
            SecretMask mask) {
        super(defaultTimeout, mask);
        this.targetName = targetName;
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String describe() {
        return "target '" + targetName + "' (local shell"
                + workingDirectory
                        .map(dir -> " in " + dir.toAbsolutePath().normalize())
                        .orElse("") + ")";
    }

    @Override
    protected Execution execute(Script script, OutputStream stdout, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(shell(), "-s");
        workingDirectory.ifPresent(dir -> builder.directory(dir.toFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ConsoleException("Cannot start sh for a command on " + describe() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Future<?> errPump = pump(process.getErrorStream(), stderr, false);
        Future<?> outPump = pump(process.getInputStream(), stdout, false);
        Future<?> inPump = feed(script, process.getOutputStream());
        boolean finished;
        try {
            finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ConsoleException("Interrupted while waiting for a command on " + describe(), e);
        }
        if (!finished) {
            kill(process);
        }
        // The streams end once the process and its children are gone; a child that detached keeps them
        // open, so the pumps get a short grace period rather than forever.
        long drainDeadline = Math.max(deadline, System.nanoTime()) + TimeUnit.SECONDS.toNanos(5);
        boolean drained =
                await(outPump, drainDeadline, "standard output") & await(errPump, drainDeadline, "standard error");
        if (!inPump.isDone()) {
            inPump.cancel(true);
        }
        return new Execution(finished ? process.exitValue() : -1, utf8(stderr), !finished || !drained);
    }

    /** {@code sh} from the configured {@code PATH} if there is one, else from this JVM's. */
    private String shell() {
        String path = environment.get("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "sh");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath().toString();
                }
            }
        }
        return "sh";
    }

    private static void kill(Process process) {
        ProcessTree.kill(process);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
