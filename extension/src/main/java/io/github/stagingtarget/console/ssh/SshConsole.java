package io.github.stagingtarget.console.ssh;

import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.SecretMask;
import io.github.stagingtarget.console.Shell;
import io.github.stagingtarget.console.ShellConsole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * A {@link io.github.stagingtarget.console.ServerConsole} over SSH (SSHJ), for a target with an {@code ssh}
 * block. One connection per run, opened lazily and verified against a known_hosts file; one session per
 * command, always closed. Each command runs as {@code timeout -k 5 SECONDS sh -c 'COMMAND'} on the server,
 * so that a timed-out command is really stopped there and not merely abandoned (closing an SSH channel does
 * not stop a command that has no terminal).
 *
 * <pre>{@code
 * try (SshConsole console = new SshConsole(settings, System::getenv, new SecretMask(), Duration.ofMinutes(5))) {
 *     console.run("uptime").requireSuccess();
 * }
 * }</pre>
 */
public final class SshConsole extends ShellConsole {

    /** After a remote {@code timeout} sent TERM, how long until it sends KILL. */
    static final int KILL_AFTER_SECONDS = 5;
    // How long we wait beyond the remote timeout before giving up on the channel ourselves.
    private static final Duration GRACE = Duration.ofSeconds(KILL_AFTER_SECONDS + 5);
    private static final int TIMEOUT_EXIT = 124;

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

    /** Opens the connection now rather than on the first command; for fail-fast checks. */
    public void connect() {
        connection.connected();
    }

    /** How many times the connection was opened in this run. */
    public int connectCount() {
        return connection.connects();
    }

    @Override
    protected Execution execute(String command, InputStream stdin, OutputStream stdout, Duration timeout) {
        // A script needs no extra sh -c around its sh -s: one process less per round trip.
        String wrapped = "timeout -k " + KILL_AFTER_SECONDS + " " + seconds(timeout) + " "
                + (command.equals(SCRIPT_SHELL) ? SCRIPT_SHELL : "sh -c " + Shell.quote(command));
        long start = System.nanoTime();
        long deadline = start + timeout.plus(GRACE).toNanos();
        Session session = connection.openSession();
        try {
            Session.Command running = session.exec(wrapped);
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Future<?> errPump = pump(running.getErrorStream(), stderr, false);
            Future<?> outPump = pump(running.getInputStream(), stdout, false);
            Future<?> inPump = null;
            if (stdin == null) {
                running.getOutputStream().close(); // end-of-file, so a command reading stdin does not hang
            } else {
                inPump = pump(stdin, running.getOutputStream(), true);
            }
            boolean finished = await(outPump, deadline, "standard output") & await(errPump, deadline, "standard error");
            if (finished) {
                running.join(
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                        TimeUnit.MILLISECONDS);
            }
            Integer status = running.getExitStatus();
            if (inPump != null && !inPump.isDone()) {
                inPump.cancel(true);
            }
            if (!finished || status == null) {
                // The remote timeout did not end it (no coreutils timeout there?): signal, then close below.
                signalQuietly(running);
                return new Execution(-1, stderr.toString(StandardCharsets.UTF_8), true);
            }
            boolean timedOut = status == TIMEOUT_EXIT && System.nanoTime() - start >= timeout.toNanos();
            return new Execution(status, stderr.toString(StandardCharsets.UTF_8), timedOut);
        } catch (IOException e) {
            throw new ConsoleException(
                    mask().apply("SSH command failed on " + describe() + ": " + e.getMessage() + ". Command: "
                            + command),
                    e);
        } finally {
            closeQuietly(session);
            connection.release();
        }
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
