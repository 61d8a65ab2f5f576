package io.github.stagingtarget.example.ft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.console.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands and files on the machine that serves the target, through the injected console: local processes
 * for the local target, the one SSH connection of the run for staging. The same test runs on both. It leaves
 * no trace on the server and changes no data, so it shares the database lock.
 */
@StagingTarget
@NotOnProduction
class ServerConsoleIT {

    @Test
    void saysWhereItRunsCommands(Target target, ServerConsole console) {
        assertThat(console.describe()).startsWith("target '" + target.name() + "'");
    }

    @Test
    void filesTravelToTheServerAndBackUnchanged(ServerConsole console, @TempDir Path here) throws IOException {
        Path sent = Files.writeString(here.resolve("items.txt"), "Buy peacock feathers\nUse them to tie a fly\n");
        String directory = console.run("mktemp -d").requireSuccess().stdout().strip();
        String remote = directory + "/items.txt";
        try {
            console.upload(sent, remote);

            assertThat(console.run("wc -l < " + Shell.quote(remote))
                            .requireSuccess()
                            .stdout()
                            .strip())
                    .isEqualTo("2");
            assertThat(console.tail(remote, 1)).isEqualTo("Use them to tie a fly\n");
            Path received = here.resolve("received.txt");
            console.download(remote, received);
            assertThat(received).hasSameBinaryContentAs(sent);
        } finally {
            console.run("rm -rf -- " + Shell.quote(directory)).requireSuccess();
        }
    }
}
