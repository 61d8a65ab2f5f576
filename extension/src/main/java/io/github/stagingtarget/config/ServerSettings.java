package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.shell.ExecConsole;
import io.github.stagingtarget.console.shell.ExecSettings;
import io.github.stagingtarget.console.shell.LocalConsole;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.console.ssh.SshConsole;
import io.github.stagingtarget.console.ssh.SshSettings;
import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.login.SessionSettings;
import io.github.stagingtarget.report.LogSettings;
import io.github.stagingtarget.runlock.RunLockSettings;
import io.github.stagingtarget.secrets.SecretMask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything about a target's server beyond its URL, validated before anything connects: how to reach it
 * ({@code console}, {@code ssh}), fixtures, the run lock, sessions and the server logs quoted on failure. See
 * {@code docs/console.md}.
 *
 * @param exec the command that opens a shell in the target, for {@code console.type = exec}
 * @param logs the log files and commands whose output since a test's start is published when it fails
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
        Optional<ExecSettings> exec,
        FixtureSettings fixtures,
        SessionSettings session,
        LogSettings logs,
        RunLockSettings runLock) {

    /**
     * A new console for this server, as the tests get it; it opens nothing until its first command. The caller
     * closes it (the extension: at the end of the run).
     */
    public ShellConsole newConsole(SecretMask mask) {
        return switch (consoleType) {
            case SSH -> new SshConsole(ssh.orElseThrow(), System::getenv, mask, commandTimeout);
            case EXEC -> new ExecConsole(exec.orElseThrow(), commandTimeout, mask);
            case LOCAL -> new LocalConsole(target, workingDirectory, environment, commandTimeout, mask);
        };
    }

    /** How the console reaches the server. */
    @API(status = INTERNAL, since = "0.1")
    public enum ConsoleType {
        LOCAL,
        SSH,
        /** A command run here opens the shell in the target: {@code kubectl exec}, {@code docker exec}… */
        EXEC
    }
}
