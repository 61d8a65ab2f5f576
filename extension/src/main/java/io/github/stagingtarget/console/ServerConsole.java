package io.github.stagingtarget.console;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Runs commands and moves files on the machine that serves the target: over SSH for a remote target, through
 * a command such as {@code kubectl exec -i … -- sh -s} for a target in a container ({@code console.command}), as
 * local processes for a target on the developer's machine. The same test works on all of them.
 *
 * <p>Declare a parameter of this type in a {@code @StagingTarget} test, constructor or lifecycle method:
 *
 * <pre>{@code
 * @StagingTarget
 * class ItemsIT {
 *     @Test
 *     void countsItems(ServerConsole console) {
 *         String count = console.run("app db count items").requireSuccess().stdout().trim();
 *         console.upload(Path.of("src/test/resources/big.csv"), "/tmp/big.csv");
 *         String lastLines = console.tail("/srv/app/app.log", 20);
 *     }
 * }
 * }</pre>
 *
 * <p>Commands run through the target's POSIX {@code sh -c}, never through an SSH account's login shell, with
 * standard input from {@code /dev/null}; quote every value you splice into a command with
 * {@link Shell#quote(String)}. A command that runs longer than its timeout (at least 1 s) is stopped on the
 * server and reported as a {@link CommandTimedOutException}; one killed by a signal is a failed result that
 * names the signal where the console can see it ({@link CommandResult#signal()}). Instances are thread-safe
 * and shared by the whole run; the extension closes them at the end. Configuration and guarantees:
 * {@code docs/console.md}.
 */
@API(status = STABLE, since = "0.1")
public interface ServerConsole {

    /** Where commands run, for messages: e.g. {@code target 'staging' (ssh deploy@staging.example.com:22)}. */
    String describe();

    /**
     * Runs a command with the configured {@code console.command-timeout}. A non-zero exit code is not an
     * error here: check {@link CommandResult#exitCode()} or call {@link CommandResult#requireSuccess()}.
     *
     * @throws ConsoleException if the command could not be run or timed out
     */
    CommandResult run(String command);

    /**
     * Like {@link #run(String)} with its own timeout.
     *
     * @throws IllegalArgumentException if {@code timeout} is shorter than 1 s, before anything runs
     */
    CommandResult run(String command, Duration timeout);

    /**
     * Runs a multi-line {@code sh} script in one round trip: the script is sent on standard input of one
     * {@code sh -s}, as one brace group whose commands read {@code /dev/null}, so no command can swallow the
     * script's later lines. Start it with {@code set -e} to stop at the first failing line.
     *
     * @throws IllegalArgumentException if {@code timeout} is shorter than 1 s
     * @throws CommandTimedOutException if the script ran out of time; the message shows a summary, never the
     *     script
     */
    CommandResult runScript(String script, Duration timeout);

    /** Copies a local file to {@code remotePath} (created or replaced) on the server. */
    void upload(Path localFile, String remotePath);

    /** Copies {@code remotePath} from the server to a local file (created or replaced). */
    void download(String remotePath, Path localFile);

    /**
     * The last {@code lines} lines of a text file on the server.
     *
     * @throws CommandFailedException if the file cannot be read
     */
    default String tail(String remotePath, int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1, but was " + lines);
        }
        return run("tail -n " + lines + " -- " + Shell.quote(remotePath))
                .requireSuccess()
                .stdout();
    }
}
