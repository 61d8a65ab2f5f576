package io.github.stagingtarget.console.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.console.CommandFailedException;
import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.CommandTimedOutException;
import io.github.stagingtarget.console.Shell;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.testsupport.Processes;
import io.github.stagingtarget.testsupport.Shells;
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
        assertThatThrownBy(() -> console().run("sleep 60 & echo $! > sleep.pid; wait", Duration.ofSeconds(1)))
                .isInstanceOf(CommandTimedOutException.class)
                .hasMessageStartingWith("Command timed out after 1 s (the timeout passed to run) and was stopped");
        Processes.assertEnds(dir.resolve("sleep.pid"));
    }

    @Test
    void aCommandKilledByASignalIsAFailureWithItsExitCodeNotATimeout() {
        CommandResult killed = console().run("kill -KILL $$");

        assertThat(killed.isSuccess()).isFalse();
        assertThat(killed.timedOut()).isFalse();
        assertThat(killed.exitCode()).isEqualTo(137);
        assertThat(killed.failureMessage("Command failed"))
                .startsWith("Command failed on " + console.describe() + " with exit code 137 (128 + 9: how a shell "
                        + "reports a command killed by signal 9): kill -KILL $$");
    }

    @Test
    void timeoutsUnderOneSecondAreRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> console().run("touch ran", Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A command timeout must be at least 1 s, but the timeout passed to run was 0.5 s: a "
                        + "shorter one would stop commands before they start, and 0 would mean no timeout");
        assertThatThrownBy(() -> console.runScript("touch ran", Duration.ZERO))
                .hasMessageContaining("the timeout passed to runScript was 0 s");
        assertThatThrownBy(() ->
                        new LocalConsole("local", Optional.of(dir), Map.of(), Duration.ofMillis(999), new SecretMask()))
                .hasMessageContaining("console.command-timeout was 0.999 s");
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void commandsNeverReadTheScriptTheyCameIn() {
        // The command reaches sh on its standard input; what it reads itself must be nothing, not its own lines
        // (bash, unlike dash, reads a script line by line, so an unwrapped "cat" would eat the lines after it).
        LocalConsole bash = new LocalConsole(
                "local",
                Optional.of(dir),
                Map.of("PATH", Shells.bashAsSh(dir) + ":" + System.getenv("PATH")),
                Duration.ofSeconds(20),
                new SecretMask());
        String reads = "cat\nread line || echo end-of-input\necho after";

        assertThat(bash.run(reads).stdout()).isEqualTo("end-of-input\nafter\n");
        assertThat(bash.runScript(reads, Duration.ofSeconds(20)).stdout()).isEqualTo("end-of-input\nafter\n");
        assertThat(bash.runScript("set -e\ncat <<EOF\nhere\nEOF\nfalse\necho never\n", Duration.ofSeconds(20)))
                .satisfies(result -> {
                    assertThat(result.stdout()).isEqualTo("here\n");
                    assertThat(result.exitCode()).isEqualTo(1);
                });
    }

    @Test
    void uploadsAndDownloadsBinaryFilesOfAnySize() throws Exception {
        byte[] content = new byte[1_500_000];
        new java.util.Random(7).nextBytes(content);
        Path local = Files.write(dir.resolve("blob.bin"), content);

        console().upload(local, "copy.bin");
        console.download("copy.bin", dir.resolve("back.bin"));

        assertThat(dir.resolve("copy.bin")).hasBinaryContent(content);
        assertThat(dir.resolve("back.bin")).hasBinaryContent(content);
        Files.write(local, new byte[0]);
        console.upload(local, "copy.bin");
        assertThat(dir.resolve("copy.bin")).isEmptyFile();
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
