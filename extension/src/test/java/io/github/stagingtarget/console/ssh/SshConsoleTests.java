package io.github.stagingtarget.console.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.console.CommandFailedException;
import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.SecretMask;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import io.github.stagingtarget.testsupport.EmbeddedSshServer;
import io.github.stagingtarget.testsupport.SshKeys;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConsoleTests {

    @TempDir
    Path dir;

    private Path key;
    private Path knownHosts;
    private EmbeddedSshServer server;
    private SshConsole console;

    @BeforeEach
    void startServer() {
        key = SshKeys.generate(dir, "id_ed25519", "ed25519", "");
        server = EmbeddedSshServer.withKeys(EmbeddedSshServer.newHostKey(), SshKeys.publicKey(key));
        knownHosts = dir.resolve("known_hosts");
        server.writeKnownHosts(knownHosts);
    }

    @AfterEach
    void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        server.close();
    }

    private SshSettings settings(int port, Optional<Path> identity, Optional<String> passphraseEnv,
            Optional<String> passwordEnv, HostKeyPolicy policy) {
        return new SshSettings("staging", "127.0.0.1", port, EmbeddedSshServer.USER, identity, passphraseEnv,
                passwordEnv, knownHosts, policy, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(15), 4, "test.conf: 3");
    }

    private SshConsole console(SshSettings settings, Map<String, String> env) {
        console = new SshConsole(settings, env::get, new SecretMask(), Duration.ofSeconds(20));
        return console;
    }

    private SshConsole console() {
        return console(settings(server.port(), Optional.of(key), Optional.empty(), Optional.empty(), HostKeyPolicy.STRICT), Map.of());
    }

    @Test
    void runsCommandsOnOneConnectionWithOneChannelEach() {
        SshConsole ssh = console();

        CommandResult ok = ssh.run("echo out; echo err >&2");
        CommandResult second = ssh.run("exit 3");

        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).isEqualTo("out\n");
        assertThat(ok.stderr()).isEqualTo("err\n");
        assertThat(second.exitCode()).isEqualTo(3);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.channels()).isEqualTo(2);
        assertThat(server.commands()).allSatisfy(command -> assertThat(command).startsWith("timeout -k 5 20 sh -c "));
    }

    @Test
    void failingCommandShowsCommandExitCodeAndOutputTails() {
        CommandResult result = console().run("echo progress; echo 'no such table: users' >&2; exit 7");

        assertThatThrownBy(result::requireSuccess)
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Command failed on target 'staging' (ssh tester@127.0.0.1:" + server.port()
                        + ") with exit code 7: echo progress;")
                .hasMessageContaining("--- stderr (last 20 lines) ---" + System.lineSeparator() + "no such table: users")
                .hasMessageContaining("--- stdout (last 20 lines) ---" + System.lineSeparator() + "progress");
    }
}
