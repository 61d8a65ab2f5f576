package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.shell.ExecSettings;
import io.github.stagingtarget.console.ssh.SshSettings;
import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.login.SessionSettings;
import io.github.stagingtarget.report.LogSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything about a target's server beyond its URL, validated before anything connects: how to reach it
 * ({@code console}, {@code ssh}), fixtures, sessions and the server logs quoted on failure. See
 * {@code docs/console.md}.
 *
 * @param exec the command that opens a shell in the target, for {@code console.type = exec}
 * @param logs the log files and commands whose output since a test's start is published when it fails
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
        LogSettings logs) {

    /** How the console reaches the server. */
    @API(status = INTERNAL, since = "0.1")
    public enum ConsoleType {
        LOCAL,
        SSH,
        /** A command run here opens the shell in the target: {@code kubectl exec}, {@code docker exec}… */
        EXEC
    }
}
