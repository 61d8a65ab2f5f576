package io.github.stagingtarget.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.console.shell.ExecutedCommand;
import io.github.stagingtarget.secrets.SecretMask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandSessionsTests {

    private static final String PREFIX = "staging-target.targets.staging.session";

    private final List<String> commands = new ArrayList<>();
    private final SecretMask mask = new SecretMask();

    /** A console that answers every command with {@code stdout}. */
    private ServerConsole printing(String stdout) {
        return new ServerConsole() {
            @Override
            public String describe() {
                return "target 'staging' (fake)";
            }

            @Override
            public CommandResult run(String command) {
                return run(command, Duration.ofSeconds(1));
            }

            @Override
            public CommandResult run(String command, Duration timeout) {
                commands.add(command);
                return new ExecutedCommand(
                        describe(), command, 0, stdout, "", Duration.ZERO, mask, Optional.empty(), false);
            }

            @Override
            public CommandResult runScript(String script, Duration timeout) {
                return run(script, timeout);
            }

            @Override
            public void upload(Path localFile, String remotePath) {}

            @Override
            public void download(String remotePath, Path localFile) {}
        };
    }

    private CommandSessions sessions(Optional<String> command, String stdout) {
        return new CommandSessions(
                "staging",
                new SessionSettings(command, "todo_session", PREFIX),
                printing(stdout),
                mask,
                new PreparedSessions());
    }

    @Test
    void theKeyIsTheLastNonBlankLineOfTheCommandWithTheAddressQuoted() {
        var key = sessions(Optional.of("app create-session {email}"), "Creating session...\n  key-1  \n\n")
                .create("ada@example.com");

        assertThat(key.value()).isEqualTo("key-1");
        assertThat(key.cookieName()).isEqualTo("todo_session");
        assertThat(commands).containsExactly("app create-session 'ada@example.com'");
        assertThat(mask.apply("got key-1")).isEqualTo("got ****");
    }

    @Test
    void aTargetWithoutASessionCommandIsAStagingTargetException() {
        assertThatThrownBy(() -> sessions(Optional.empty(), "").create("ada@example.com"))
                .isExactlyInstanceOf(StagingTargetException.class)
                .hasMessageStartingWith("Target 'staging' has no " + PREFIX + ".command: expected a command");
    }

    @Test
    void aCommandThatPrintsNothingIsAStagingTargetException() {
        assertThatThrownBy(() -> sessions(Optional.of("app create-session {email}"), "\n  \n")
                        .create("ada@example.com"))
                .isExactlyInstanceOf(StagingTargetException.class)
                .hasMessage("The session command for target 'staging' printed nothing: "
                        + "app create-session 'ada@example.com' (" + PREFIX + ".command)");
    }

    @Test
    void keyInTakesTheLastNonBlankLineOrNothing() {
        assertThat(SessionSettings.keyIn("banner\nkey-2\r\n \n")).contains("key-2");
        assertThat(SessionSettings.keyIn(" \n\n")).isEmpty();
        assertThat(SessionSettings.keyIn("")).isEmpty();
    }
}
