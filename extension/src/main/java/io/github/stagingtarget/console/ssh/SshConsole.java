package io.github.stagingtarget.console.ssh;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.apiguardian.api.API;

/**
 * A {@link io.github.stagingtarget.console.ServerConsole} over SSH (SSHJ), for a target with an {@code ssh}
 * block. One connection per run, opened lazily and verified against a known_hosts file; one session per
 * command, always closed. Every session executes the same constant command, {@code timeout -k 5 SECONDS sh
 * -s}, and sends the script on its standard input: the account's login shell, which parses the exec request
 * (and may be fish or csh), never sees a quote, and a timed-out command is really stopped on the server, not
 * merely abandoned (closing an SSH channel does not stop a command that has no terminal).
 *
 * <pre>{@code
 * try (SshConsole console = new SshConsole(settings, System::getenv, new SecretMask(), Duration.ofMinutes(5))) {
 *     console.run("uptime").requireSuccess();
 * }
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class SshConsole extends ShellConsole {

    private final SshConnection connection;
    private final SshSettings settings;

    public SshConsole(
            SshSettings settings, Function<String, String> environment, SecretMask mask, Duration defaultTimeout) {
        super(defaultTimeout, mask);
        this.settings = settings;
        this.connection = new SshConnection(settings, environment, mask);
    }

    @Override
    public String describe() {
        return "target '" + settings.target() + "' (ssh " + settings.address() + ")";
    }

    /** How many times the connection was opened in this run; for tests of reconnection. */
    int connectCount() {
        return connection.connects();
    }

    /** The exec request of every session: only digits vary, so any login shell parses it the same way. */
    static String execRequest(Duration timeout) {
        return remoteShell(timeout);
    }

    @Override
    protected Execution execute(Script script, OutputStream stdout, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.plus(GRACE).toNanos();
        Session session = connection.openSession();
        try {
            Session.Command running = session.exec(execRequest(timeout));
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Future<?> errPump = pump(running.getErrorStream(), stderr, false);
            Future<?> outPump = pump(running.getInputStream(), stdout, false);
            Future<?> inPump = feed(script, running.getOutputStream());
            boolean finished = await(outPump, deadline, "standard output") & await(errPump, deadline, "standard error");
            if (finished) {
                running.join(
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                        TimeUnit.MILLISECONDS);
            }
            Integer status = running.getExitStatus();
            Signal signal = running.getExitSignal();
            if (!inPump.isDone()) {
                inPump.cancel(true);
            }
            String errors = stderr.toString(StandardCharsets.UTF_8);
            if (!finished || (status == null && signal == null)) {
                // The remote timeout did not end it (no coreutils timeout there?): signal, then close below.
                signalQuietly(running);
                return new Execution(-1, errors, true);
            }
            boolean late = System.nanoTime() - start >= timeout.toNanos();
            if (signal != null) {
                // timeout's KILL reaches its own process group too; any other signal came from elsewhere
                // (the OOM killer, an administrator, a crash) and is reported as such.
                boolean stopped = late && (signal == Signal.KILL || signal == Signal.TERM);
                return new Execution(
                        128 + number(signal), errors, stopped, stopped ? Optional.empty() : Optional.of(signal.name()));
            }
            boolean timedOut = stoppedByRemoteTimeout(status, late);
            return new Execution(status, errors, timedOut);
        } catch (IOException e) {
            throw new ConsoleException(mask().apply("SSH command failed on " + describe() + ": " + e.getMessage()), e);
        } finally {
            closeQuietly(session);
            connection.release();
        }
    }

    /** The signal's number on Linux, as a shell adds it to 128 in {@code $?}. */
    static int number(Signal signal) {
        return switch (signal) {
            case HUP -> 1;
            case INT -> 2;
            case QUIT -> 3;
            case ILL -> 4;
            case ABRT -> 6;
            case FPE -> 8;
            case KILL -> 9;
            case USR1 -> 10;
            case SEGV -> 11;
            case USR2 -> 12;
            case PIPE -> 13;
            case ALRM -> 14;
            case TERM -> 15;
            case UNKNOWN -> 0;
        };
    }

    private static void signalQuietly(Session.Command running) {
        try {
            running.signal(Signal.KILL);
        } catch (IOException e) {
            // The session is closed next anyway.
        }
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException e) {
            // A session on a dropped connection cannot be closed cleanly; the connection is reopened later.
        }
    }

    @Override
    public void close() {
        connection.close();
        super.close();
    }
}
