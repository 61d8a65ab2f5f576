package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.shell.LocalConsole;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.console.ssh.SshConsole;
import io.github.stagingtarget.console.ssh.SshSettings;
import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.login.SessionSettings;
import io.github.stagingtarget.runlock.RunLockSettings;
import io.github.stagingtarget.secrets.SecretMask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything about a target's server beyond its URL, validated before anything connects: how to reach it
 * ({@code console}, {@code ssh}), fixtures, the run lock, sessions and the server logs quoted on failure. See
 * {@code docs/console.md}.
 *
 * @param logs files on the server whose new lines are published when a test fails
 * @param logLines at most this many lines per log file are published
 * @param runLock when and where a run takes the lock that keeps other runs from changing the target's data
 */
@API(status = INTERNAL, since = "0.1")
public record ServerSettings(
        String target,
        ConsoleType consoleType,
        Optional<Path> workingDirectory,
        Map<String, String> environment,
        Duration commandTimeout,
        Optional<SshSettings> ssh,
        FixtureSettings fixtures,
        SessionSettings session,
        List<String> logs,
        int logLines,
        RunLockSettings runLock) {

    /**
     * A new console for this server, as the tests get it; it opens nothing until its first command. The caller
     * closes it (the extension: at the end of the run).
     */
    public ShellConsole newConsole(SecretMask mask) {
        if (consoleType == ConsoleType.SSH) {
            return new SshConsole(ssh.orElseThrow(), System::getenv, mask, commandTimeout);
        }
        return new LocalConsole(target, workingDirectory, environment, commandTimeout, mask);
    }

    /** How the console reaches the server. */
    @API(status = INTERNAL, since = "0.1")
    public enum ConsoleType {
        LOCAL,
        SSH
    }
}
