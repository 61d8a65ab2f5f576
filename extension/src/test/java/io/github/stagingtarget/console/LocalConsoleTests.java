package io.github.stagingtarget.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConsoleTests {

    @TempDir
    Path dir;

    private LocalConsole console;

    private LocalConsole console() {
        console = new LocalConsole(
                "local", Optional.of(dir), Map.of("APP_ENV", "test"), Duration.ofSeconds(20), new SecretMask());
        return console;
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void runsInTheWorkingDirectoryWithTheConfiguredEnvironment() throws Exception {
        CommandResult result = console().run("pwd; echo $APP_ENV; echo oops >&2; exit 4");

        assertThat(result.stdout()).isEqualTo(dir.toRealPath(java.nio.file.LinkOption.NOFOLLOW_LINKS) + "\ntest\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThatThrownBy(result::requireSuccess)
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith(
                        "Command failed on target 'local' (local shell in " + dir + ") with exit code 4");
    }

    @Test
    void filesAndTail() throws Exception {
        Path local = Files.writeString(dir.resolve("a.txt"), "1\n2\n3\n");
        console().upload(local, "b.txt");
        console.download("b.txt", dir.resolve("c.txt"));
        assertThat(Files.readString(dir.resolve("c.txt"))).isEqualTo("1\n2\n3\n");
        assertThat(console.tail("b.txt", 2)).isEqualTo("2\n3\n");
    }

    @Test
    void timedOutCommandIsKilledWithItsChildren() {
        assertThatThrownBy(() -> console().run("sleep 60 & echo $! > sleep.pid; wait", Duration.ofMillis(500)))
                .isInstanceOf(ConsoleException.class)
                .hasMessageStartingWith("Command timed out after 0.5 s and was stopped");
        Processes.assertEnds(dir.resolve("sleep.pid"));
    }

    @Test
    void quotedValuesReachTheShellLiterally() throws Exception {
        List<String> hostile =
                List.of("it's", "a b", "$(touch pwned)", "`touch pwned`", "; touch pwned", "\"$HOME\"", "\\n");
        for (String value : hostile) {
            assertThat(console().run("printf '%s' " + Shell.quote(value)).stdout())
                    .isEqualTo(value);
        }
        assertThat(console.run("printf '%s|' " + Shell.quoteAll(hostile)).stdout())
                .isEqualTo(String.join("|", hostile) + "|");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }
}
