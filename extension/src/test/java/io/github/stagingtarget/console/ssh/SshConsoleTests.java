package io.github.stagingtarget.console.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.console.CommandFailedException;
import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.SecretMask;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import io.github.stagingtarget.testsupport.EmbeddedSshServer;
import io.github.stagingtarget.testsupport.Ports;
import io.github.stagingtarget.testsupport.Processes;
import io.github.stagingtarget.testsupport.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private SshSettings settings(
            int port,
            Optional<Path> identity,
            Optional<String> passphraseEnv,
            Optional<String> passwordEnv,
            HostKeyPolicy policy) {
        return new SshSettings(
                "staging",
                "127.0.0.1",
                port,
                EmbeddedSshServer.USER,
                identity,
                passphraseEnv,
                passwordEnv,
                knownHosts,
                policy,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                4,
                "test.conf: 3");
    }

    private SshConsole console(SshSettings settings, Map<String, String> env) {
        console = new SshConsole(settings, env::get, new SecretMask(), Duration.ofSeconds(20));
        return console;
    }

    private SshConsole console() {
        return console(
                settings(server.port(), Optional.of(key), Optional.empty(), Optional.empty(), HostKeyPolicy.STRICT),
                Map.of());
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
                .hasMessageContaining(
                        "--- stderr (last 20 lines) ---" + System.lineSeparator() + "no such table: users")
                .hasMessageContaining("--- stdout (last 20 lines) ---" + System.lineSeparator() + "progress");
    }

    @Test
    void uploadsDownloadsAndTails() throws Exception {
        SshConsole ssh = console();
        Path local = Files.writeString(dir.resolve("in.txt"), "one\ntwo\nthree\n");
        String remote = dir.resolve("remote dir 'x'").toString();
        Files.createDirectories(Path.of(remote));

        ssh.upload(local, remote + "/copy.txt");
        ssh.download(remote + "/copy.txt", dir.resolve("back.txt"));

        assertThat(Files.readString(Path.of(remote, "copy.txt"))).isEqualTo("one\ntwo\nthree\n");
        assertThat(Files.readString(dir.resolve("back.txt"))).isEqualTo("one\ntwo\nthree\n");
        assertThat(ssh.tail(remote + "/copy.txt", 2)).isEqualTo("two\nthree\n");
        assertThatThrownBy(() -> ssh.download(remote + "/missing.txt", dir.resolve("x")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Download of " + remote + "/missing.txt")
                .hasMessageContaining("No such file");
    }

    @Test
    void unknownHostKeyIsRefusedWithFingerprintAndTheLineToTrustIt() throws Exception {
        Files.writeString(knownHosts, "");
        SshConsole ssh = console();

        assertThatThrownBy(() -> ssh.run("true"))
                .isInstanceOf(ConsoleException.class)
                .hasMessageStartingWith("Cannot connect to target 'staging' at tester@127.0.0.1:" + server.port()
                        + " over SSH: its host key is not in the known_hosts file " + knownHosts)
                .hasMessageContaining("The server offered ecdsa-sha2-nistp256 " + sha256(server))
                .hasMessageContaining("  " + server.knownHostsLine())
                .hasMessageContaining("ssh-keyscan -p " + server.port() + " -t ecdsa 127.0.0.1 >> " + knownHosts);
        assertThat(server.channels()).isZero();
    }

    @Test
    void changedHostKeyIsRefusedAsPossibleAttackEvenWithAcceptNew() throws Exception {
        try (EmbeddedSshServer impostor =
                EmbeddedSshServer.withKeys(EmbeddedSshServer.newHostKey(), SshKeys.publicKey(key))) {
            // The impostor answers on a port known_hosts lists with the real server's key.
            Files.writeString(
                    knownHosts,
                    server.knownHostsLine().replace(":" + server.port() + " ", ":" + impostor.port() + " ") + "\n");
            SshConsole ssh = console(
                    settings(
                            impostor.port(),
                            Optional.of(key),
                            Optional.empty(),
                            Optional.empty(),
                            HostKeyPolicy.ACCEPT_NEW),
                    Map.of());

            assertThatThrownBy(() -> ssh.run("true"))
                    .isInstanceOf(ConsoleException.class)
                    .hasMessageContaining("the host key of [127.0.0.1]:" + impostor.port() + " has CHANGED")
                    .hasMessageContaining("man-in-the-middle")
                    .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + impostor.port() + "' -f " + knownHosts);
            assertThat(impostor.channels()).isZero();
            assertThat(Files.readAllLines(knownHosts)).hasSize(1);
        }
    }

    @Test
    void acceptNewRecordsAFirstSeenKeyAndTrustsItLater() throws Exception {
        Path fresh = dir.resolve("ssh/known_hosts");
        SshSettings acceptNew = new SshSettings(
                "staging",
                "127.0.0.1",
                server.port(),
                EmbeddedSshServer.USER,
                Optional.of(key),
                Optional.empty(),
                Optional.empty(),
                fresh,
                HostKeyPolicy.ACCEPT_NEW,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                4,
                "test.conf: 3");

        assertThat(console(acceptNew, Map.of()).run("echo hi").stdout()).isEqualTo("hi\n");

        assertThat(Files.readAllLines(fresh)).containsExactly(server.knownHostsLine());
        console.close();
        SshSettings strict = new SshSettings(
                "staging",
                "127.0.0.1",
                server.port(),
                EmbeddedSshServer.USER,
                Optional.of(key),
                Optional.empty(),
                Optional.empty(),
                fresh,
                HostKeyPolicy.STRICT,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                4,
                "test.conf: 3");
        assertThat(console(strict, Map.of()).run("echo again").stdout()).isEqualTo("again\n");
    }

    @Test
    void authenticationFailureNamesUserAndKey() {
        Path stranger = SshKeys.generate(dir, "stranger", "ed25519", "");
        SshConsole ssh = console(
                settings(
                        server.port(), Optional.of(stranger), Optional.empty(), Optional.empty(), HostKeyPolicy.STRICT),
                Map.of());

        assertThatThrownBy(() -> ssh.run("true"))
                .isInstanceOf(ConsoleException.class)
                .hasMessageContaining("Cannot connect to target 'staging' at tester@127.0.0.1:" + server.port())
                .hasMessageContaining("authentication as 'tester' failed with the key " + stranger
                        + " (ssh.identity). Is its public key in ~tester/.ssh/authorized_keys on the server?");
    }

    @Test
    void passwordComesFromTheEnvironmentAndNeverAppearsInMessages() throws Exception {
        try (EmbeddedSshServer withPassword =
                EmbeddedSshServer.withPassword(EmbeddedSshServer.newHostKey(), "hunter2-secret")) {
            withPassword.writeKnownHosts(knownHosts);
            SshConsole ssh = console(
                    settings(
                            withPassword.port(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of("SSH_PW"),
                            HostKeyPolicy.STRICT),
                    Map.of("SSH_PW", "hunter2-secret"));

            CommandResult result = ssh.run("echo the password is hunter2-secret; exit 1");

            assertThat(result.stdout()).contains("hunter2-secret");
            assertThatThrownBy(result::requireSuccess)
                    .hasMessageContaining("the password is ****")
                    .hasMessageNotContaining("hunter2-secret");
        }
    }

    @Test
    void unreadableOrEncryptedKeyFailsLoudlyWithoutTryingOthers() {
        Path missing = dir.resolve("no-such-key");
        SshConsole ssh = console(
                settings(server.port(), Optional.of(missing), Optional.empty(), Optional.empty(), HostKeyPolicy.STRICT),
                Map.of());
        assertThatThrownBy(() -> ssh.run("true"))
                .hasMessageContaining("cannot read the private key file " + missing + " (ssh.identity): no such file");

        Path encrypted = SshKeys.generate(dir, "encrypted", "ed25519", "correct horse");
        SshConsole wrongPassphrase = console(
                settings(
                        server.port(),
                        Optional.of(encrypted),
                        Optional.of("PASS"),
                        Optional.empty(),
                        HostKeyPolicy.STRICT),
                Map.of("PASS", "wrong battery"));
        assertThatThrownBy(() -> wrongPassphrase.run("true"))
                .hasMessageContaining("cannot load the private key file " + encrypted + " (ssh.identity)")
                .hasMessageContaining("Check the passphrase in environment variable PASS")
                .hasMessageNotContaining("wrong battery");
        assertThat(server.connections()).isZero();
    }

    @Test
    void encryptedKeyWorksWithPassphraseFromEnvironment() {
        Path encrypted = SshKeys.generate(dir, "encrypted", "ed25519", "correct horse");
        try (EmbeddedSshServer other =
                EmbeddedSshServer.withKeys(EmbeddedSshServer.newHostKey(), SshKeys.publicKey(encrypted))) {
            other.writeKnownHosts(knownHosts);
            SshConsole ssh = console(
                    settings(
                            other.port(),
                            Optional.of(encrypted),
                            Optional.of("PASS"),
                            Optional.empty(),
                            HostKeyPolicy.STRICT),
                    Map.of("PASS", "correct horse"));
            assertThat(ssh.run("echo ok").stdout()).isEqualTo("ok\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void connectionRefusedNamesTargetHostAndPort() throws Exception {
        int closedPort = Ports.closed();
        SshConsole ssh = console(
                settings(closedPort, Optional.of(key), Optional.empty(), Optional.empty(), HostKeyPolicy.STRICT),
                Map.of());

        assertThatThrownBy(() -> ssh.run("true"))
                .hasMessageStartingWith("Cannot connect to target 'staging' at tester@127.0.0.1:" + closedPort
                        + " over SSH: connection refused")
                .hasMessageContaining("Is sshd running there, and is ssh.port right?");
        // The failure is remembered: a second command does not wait for another connect.
        assertThatThrownBy(() -> ssh.run("true")).hasMessageContaining("connection refused");
    }

    @Test
    void unknownHostNamesTheHost() {
        SshSettings nowhere = new SshSettings(
                "staging",
                "no-such-host.invalid",
                22,
                "deploy",
                Optional.of(key),
                Optional.empty(),
                Optional.empty(),
                knownHosts,
                HostKeyPolicy.STRICT,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(15),
                4,
                "test.conf: 3");
        assertThatThrownBy(() -> console(nowhere, Map.of()).run("true"))
                .hasMessageStartingWith(
                        "Cannot connect to target 'staging' at deploy@no-such-host.invalid:22 over SSH: "
                                + "unknown host: DNS cannot resolve 'no-such-host.invalid'");
    }

    @Test
    void timedOutCommandIsStoppedOnTheServer() throws Exception {
        SshConsole ssh = console();
        Path pid = dir.resolve("sleep.pid");

        assertThatThrownBy(() -> ssh.run("sleep 60 & echo $! > '" + pid + "'; wait", Duration.ofSeconds(1)))
                .isInstanceOf(ConsoleException.class)
                .hasMessageStartingWith("Command timed out after 1 s and was stopped");

        Processes.assertEnds(pid);
    }

    @Test
    void reconnectsOnceWhenTheConnectionDroppedBetweenCommands() {
        SshConsole ssh = console();
        ssh.run("true").requireSuccess();

        server.dropConnections();

        assertThat(ssh.run("echo back").stdout()).isEqualTo("back\n");
        assertThat(ssh.connectCount()).isEqualTo(2);
    }

    @Test
    void parallelCommandsShareTheConnection() throws Exception {
        SshConsole ssh = console();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                results.add(
                        pool.submit(() -> ssh.run("echo " + n).requireSuccess().stdout()));
            }
            for (int i = 0; i < 16; i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.channels()).isEqualTo(16);
    }

    private static String sha256(EmbeddedSshServer server) {
        return Fingerprints.sha256(server.hostKey());
    }
}
