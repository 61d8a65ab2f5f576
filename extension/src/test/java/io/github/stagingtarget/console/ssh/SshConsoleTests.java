package io.github.stagingtarget.console.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.console.CommandFailedException;
import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.testsupport.EmbeddedSshServer;
import io.github.stagingtarget.testsupport.Fifos;
import io.github.stagingtarget.testsupport.Ports;
import io.github.stagingtarget.testsupport.Processes;
import io.github.stagingtarget.testsupport.SshKeys;
import io.github.stagingtarget.testsupport.SshSettingsBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        return SshSettingsBuilder.ssh(port)
                .identity(identity)
                .passphraseEnv(passphraseEnv)
                .passwordEnv(passwordEnv)
                .knownHosts(knownHosts)
                .hostKeyPolicy(policy)
                .readTimeout(Duration.ofSeconds(10))
                .origin("test.conf: 3")
                .build();
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
        // The exec request is constant; the command travels on standard input, where no login shell parses it.
        assertThat(server.commands()).containsExactly("timeout -k 5 20 sh -s", "timeout -k 5 20 sh -s");
        assertThat(server.inputs())
                .containsExactly(
                        "exec sh -c 'echo out; echo err >&2' </dev/null\n", "exec sh -c 'exit 3' </dev/null\n");
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
        SshSettings acceptNew =
                settings(server.port(), Optional.of(key), Optional.empty(), Optional.empty(), HostKeyPolicy.ACCEPT_NEW);
        acceptNew = SshSettingsBuilder.from(acceptNew).knownHosts(fresh).build();

        assertThat(console(acceptNew, Map.of()).run("echo hi").stdout()).isEqualTo("hi\n");

        assertThat(Files.readAllLines(fresh)).containsExactly(server.knownHostsLine());
        console.close();
        SshSettings strict = SshSettingsBuilder.from(acceptNew)
                .hostKeyPolicy(HostKeyPolicy.STRICT)
                .build();
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
        SshSettings nowhere = SshSettingsBuilder.from(
                        settings(22, Optional.of(key), Optional.empty(), Optional.empty(), HostKeyPolicy.STRICT))
                .host("no-such-host.invalid")
                .user("deploy")
                .build();
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
                .hasMessageStartingWith("Command timed out after 1 s (the timeout passed to run) and was stopped on "
                        + "target 'staging'");

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

    @Test
    void aHostKeyOfAnotherTypeForAPinnedHostIsChangedEvenUnderAcceptNew() throws Exception {
        try (EmbeddedSshServer rsa = EmbeddedSshServer.withKeys(
                EmbeddedSshServer.newRsaHostKey(), SshKeys.publicKey(key), EmbeddedSshServer.Options.DEFAULT)) {
            // The host is pinned with an ed25519 key; the server now offers RSA, which SSHJ alone would call new.
            String[] ed25519 = Files.readString(SshKeys.publicKey(SshKeys.generate(dir, "pinned", "ed25519", "")))
                    .split(" ");
            String pinned = "[127.0.0.1]:" + rsa.port() + " " + ed25519[0] + " " + ed25519[1] + "\n";
            Files.writeString(knownHosts, pinned);
            for (HostKeyPolicy policy : HostKeyPolicy.values()) {
                SshConsole ssh = console(
                        settings(rsa.port(), Optional.of(key), Optional.empty(), Optional.empty(), policy), Map.of());

                assertThatThrownBy(() -> ssh.run("true"))
                        .as(policy.name())
                        .isInstanceOf(ConsoleException.class)
                        .hasMessageContaining("the host key of [127.0.0.1]:" + rsa.port() + " has CHANGED. The "
                                + "server offered ssh-rsa " + Fingerprints.sha256(rsa.hostKey())
                                + ", which does not match the ssh-ed25519 key recorded for it in " + knownHosts)
                        .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + rsa.port() + "' -f " + knownHosts);
                ssh.close();
            }
            assertThat(rsa.channels()).isZero();
            assertThat(Files.readString(knownHosts)).isEqualTo(pinned);

            // A host may have keys of several types: the offered key matching one of them is accepted.
            Files.writeString(knownHosts, pinned + rsa.knownHostsLine() + "\n");
            SshConsole ssh = console(
                    settings(
                            rsa.port(), Optional.of(key), Optional.empty(), Optional.empty(), HostKeyPolicy.ACCEPT_NEW),
                    Map.of());
            assertThat(ssh.run("echo ok").stdout()).isEqualTo("ok\n");
            ssh.close();
        }
    }

    @Test
    void acceptNewCreatesTheKnownHostsDirectoryForTheUserOnly() throws Exception {
        Path home = dir.resolve("home");
        Path fresh = home.resolve(".ssh/known_hosts");
        Files.createDirectories(home);
        SshSettings acceptNew =
                settings(server.port(), Optional.of(key), Optional.empty(), Optional.empty(), HostKeyPolicy.ACCEPT_NEW);
        acceptNew = SshSettingsBuilder.from(acceptNew).knownHosts(fresh).build();

        console(acceptNew, Map.of()).run("true").requireSuccess();

        assertThat(Files.readAllLines(fresh)).containsExactly(server.knownHostsLine());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".ssh"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aPrivateKeyOthersCanReadIsUsedWithOpenSshsWarning() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.github.stagingtarget.console.ssh");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                // The logger is global: keep only this test's records, not those of classes running alongside.
                if (String.valueOf(record.getMessage()).contains(key.toString())) {
                    warnings.add(record.getLevel() + " " + record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(handler);
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

            assertThat(console().run("echo ok").stdout()).isEqualTo("ok\n");

            assertThat(warnings)
                    .containsExactly("WARNING UNPROTECTED PRIVATE KEY FILE! Permissions 0644 for '" + key
                            + "' (ssh.identity) are too open: a private key must not be accessible by others. "
                            + "OpenSSH would ignore this key; restrict it with: chmod 600 '" + key + "'");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            assertThat(SshConnection.tooOpen(key)).isEmpty();
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void theLoginShellNeverParsesACommand() throws Exception {
        // A login shell with quoting of its own (fish, csh) would mangle quotes; this one refuses any quote.
        Path strict = Files.writeString(dir.resolve("strict-login-shell"), """
                #!/bin/sh
                case "$2" in
                  *[!A-Za-z0-9\\ ._-]*) echo "strict-login-shell: will not parse: $2" >&2; exit 127 ;;
                esac
                exec /bin/sh -c "$2"
                """);
        Files.setPosixFilePermissions(strict, PosixFilePermissions.fromString("rwx------"));
        try (EmbeddedSshServer picky = EmbeddedSshServer.withKeys(
                EmbeddedSshServer.newHostKey(),
                SshKeys.publicKey(key),
                EmbeddedSshServer.Options.DEFAULT.withLoginShell(strict.toString()))) {
            picky.writeKnownHosts(knownHosts);
            SshConsole ssh = console(
                    settings(picky.port(), Optional.of(key), Optional.empty(), Optional.empty(), HostKeyPolicy.STRICT),
                    Map.of());
            String hostile = "it's \"$HOME\" `x` $(y) ; {z} \\ !";

            assertThat(ssh.run("printf '%s' " + io.github.stagingtarget.console.Shell.quote(hostile))
                            .requireSuccess()
                            .stdout())
                    .isEqualTo(hostile);
            assertThat(ssh.runScript("echo \"a'b\"\n", Duration.ofSeconds(10)).stdout())
                    .isEqualTo("a'b\n");
            Path local = Files.writeString(dir.resolve("quote's.txt"), "content\n");
            ssh.upload(local, dir.resolve("up 'loaded'.txt").toString());
            ssh.download(dir.resolve("up 'loaded'.txt").toString(), dir.resolve("down.txt"));
            assertThat(dir.resolve("down.txt")).hasContent("content");
        }
    }

    @Test
    void aChannelTheServerRefusesFailsAloneAndLeavesTheOtherCommandsRunning() throws Exception {
        try (EmbeddedSshServer oneSession = EmbeddedSshServer.withKeys(
                EmbeddedSshServer.newHostKey(),
                SshKeys.publicKey(key),
                EmbeddedSshServer.Options.DEFAULT.withMaxChannels(1))) {
            oneSession.writeKnownHosts(knownHosts);
            SshConsole ssh = console(
                    settings(
                            oneSession.port(),
                            Optional.of(key),
                            Optional.empty(),
                            Optional.empty(),
                            HostKeyPolicy.STRICT),
                    Map.of());
            Path started = Fifos.create(dir.resolve("started"));
            Path release = Fifos.create(dir.resolve("release"));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<CommandResult> running = pool.submit(
                        () -> ssh.run("echo > '" + started + "'; cat '" + release + "' > /dev/null; echo done"));
                Fifos.awaitWriter(started); // the first command holds the server's one session now

                assertThatThrownBy(() -> ssh.run("echo second"))
                        .isInstanceOf(ConsoleException.class)
                        .isNotInstanceOf(io.github.stagingtarget.console.ConnectionFailedException.class)
                        .hasMessageStartingWith("The server refused to open another SSH session on the connection to "
                                + "target 'staging' at tester@127.0.0.1:" + oneSession.port())
                        .hasMessageContaining("while the connection itself is fine. It probably allows fewer "
                                + "sessions per connection than ssh.max-sessions = 4: lower ssh.max-sessions (ssh "
                                + "block at test.conf: 3)");

                Fifos.release(release);
                assertThat(running.get(30, TimeUnit.SECONDS).stdout()).isEqualTo("done\n");
            } finally {
                pool.shutdownNow();
            }
            assertThat(ssh.run("echo third").stdout()).isEqualTo("third\n");
            assertThat(oneSession.connections()).isEqualTo(1);
        }
    }

    @Test
    void aFailedReconnectIsNotRememberedForTheRestOfTheRun() {
        SshConsole ssh = console();
        ssh.run("true").requireSuccess();

        server.stop();
        assertThatThrownBy(() -> ssh.run("true"))
                .isInstanceOf(ConsoleException.class)
                .isNotInstanceOf(io.github.stagingtarget.console.ConnectionFailedException.class)
                .hasMessageStartingWith("Lost the SSH connection to target 'staging' at tester@127.0.0.1:"
                        + server.port() + " and could not reconnect; the next command tries again.")
                .hasMessageContaining("connection refused");
        server.restart();

        assertThat(ssh.run("echo back").stdout()).isEqualTo("back\n");
        assertThat(ssh.connectCount()).isEqualTo(2);
    }

    @Test
    void timeoutsUnderOneSecondAreRejected() {
        SshConsole ssh = console();
        assertThatThrownBy(() -> ssh.run("true", Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "A command timeout must be at least 1 s, but the timeout passed to run was " + "0.999 s");
        assertThat(server.channels()).isZero();
    }

    private static String sha256(EmbeddedSshServer server) {
        return Fingerprints.sha256(server.hostKey());
    }
}
