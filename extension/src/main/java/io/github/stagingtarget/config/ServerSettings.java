package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.shell.ExecSettings;
import io.github.stagingtarget.console.ssh.SshSettings;
import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.login.SessionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything about a target's server beyond its URL, validated before anything connects: how to reach it
 * ({@code console}, {@code ssh}), fixtures, sessions and the server logs quoted on failure. See
 * {@code docs/console.md}.
 *
 * @param exec the command that opens a shell in the target, for {@code console.type = exec}
 * @param logs files on the server whose new lines are published when a test fails
 * @param logLines at most this many lines per log file are published
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
        List<String> logs,
        int logLines) {

    /** How the console reaches the server. */
    @API(status = INTERNAL, since = "0.1")
    public enum ConsoleType {
        LOCAL,
        SSH,
        /** A command run here opens the shell in the target: {@code kubectl exec}, {@code docker exec}… */
        EXEC
    }
}
