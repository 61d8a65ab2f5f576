package io.github.stagingtarget.console.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.shell.HeldScript;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.testsupport.Fifos;
import io.github.stagingtarget.testsupport.OpenSshServer;
import io.github.stagingtarget.testsupport.Processes;
import io.github.stagingtarget.testsupport.SshSettingsBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The SSH console against Debian's real OpenSSH sshd, started privately on a free loopback port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSshConsoleTests {

    private Path dir;
    private OpenSshServer sshd;
    private SshConsole console;

    @BeforeAll
    void startSshd(@TempDir Path dir) {
        this.dir = dir;
        assumeTrue(
                OpenSshServer.available(),
                "skipped: " + OpenSshServer.SSHD + " is not installed (apt-get install -y openssh-server)");
        sshd = OpenSshServer.start(dir);
        console = new SshConsole(
                settings(sshd.knownHosts(), HostKeyPolicy.STRICT),
                Map.<String, String>of()::get,
                new SecretMask(),
                Duration.ofSeconds(30));
    }

    @AfterAll
    void stopSshd() throws Exception {
        if (console != null) {
            console.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private SshSettings settings(Path knownHosts, HostKeyPolicy policy) {
        return SshSettingsBuilder.ssh(sshd.port())
                .user(OpenSshServer.user())
                .identity(sshd.clientKey())
                .knownHosts(knownHosts)
                .hostKeyPolicy(policy)
                .maxSessions(8)
                .build();
    }

    @Test
    void aHeldScriptStreamsItsLinesAsTheyComeAndEndsWhenItsHandleIsClosed() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HeldScript held = console.hold(
                "echo first\nsleep 2\necho second\nread -r line || :\necho after-end-of-input",
                lines::add,
                Duration.ofMinutes(1));
        try {
            assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(lines)
                    .as("the first line comes as it is written, before the script's sleep")
                    .isEmpty();
            assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(lines.poll(500, TimeUnit.MILLISECONDS))
                    .as("blocked in read")
                    .isNull();
            assertThat(held.ended()).isFalse();
        } finally {
            held.close();
        }
        assertThat(held.ended()).isTrue();
        assertThat(lines).containsExactly("after-end-of-input");
        assertThat(held.ending().orElseThrow().exitCode()).isZero();
    }

    @Test
    void runsCommandsAndScriptsWithEd25519KeyAndKnownHosts() {
        assertThat(console.run("echo $((6 * 7)); echo warn >&2")).satisfies(result -> {
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).isEqualTo("42\n");
            assertThat(result.stderr()).isEqualTo("warn\n");
        });
        assertThat(console.runScript("set -e\necho one\nfalse\necho never\n", Duration.ofSeconds(10))
                        .exitCode())
                .isEqualTo(1);
        assertThat(console.run("exit 5").exitCode()).isEqualTo(5);
    }

    @Test
    void movesFiles() throws Exception {
        Path local = Files.writeString(dir.resolve("local.txt"), "a\nb\nc\n");
        String remote = dir.resolve("remote.txt").toString();

        console.upload(local, remote);
        console.download(remote, dir.resolve("back.txt"));

        assertThat(Files.readString(dir.resolve("back.txt"))).isEqualTo("a\nb\nc\n");
        assertThat(console.tail(remote, 1)).isEqualTo("c\n");
    }

    @Test
    void timedOutCommandIsKilledBySshdsSide() throws Exception {
        Path pid = dir.resolve("sleep.pid");
        assertThatThrownBy(() -> console.run("sleep 120 & echo $! > '" + pid + "'; wait", Duration.ofSeconds(1)))
                .isInstanceOf(ConsoleException.class)
                .hasMessageStartingWith("Command timed out after 1 s (the timeout passed to run) and was stopped");
        Processes.assertEnds(pid);
    }

    @Test
    void aCommandKilledByASignalIsReportedWithTheSignalNotAsATimeout() {
        CommandResult killed = console.run("kill -KILL $$");

        assertThat(killed.isSuccess()).isFalse();
        assertThat(killed.timedOut()).isFalse();
        assertThat(killed.signal()).contains("KILL");
        assertThat(killed.exitCode()).isEqualTo(137);
        assertThat(killed.failureMessage("Command failed"))
                .startsWith("Command failed on target 'staging' (ssh " + OpenSshServer.user() + "@127.0.0.1:"
                        + sshd.port() + "), killed by signal KILL: kill -KILL $$");
        assertThat(console.run("kill -SEGV $$").signal()).contains("SEGV");
    }

    @Test
    void aSessionBeyondSshdsMaxSessionsIsRefusedWithoutDisturbingTheOthers() throws Exception {
        try (OpenSshServer oneSession = OpenSshServer.start(
                        Files.createTempDirectory(dir, "one"), "ed25519", List.of("MaxSessions 1"));
                SshConsole ssh = new SshConsole(
                        SshSettingsBuilder.ssh(oneSession.port())
                                .user(OpenSshServer.user())
                                .identity(oneSession.clientKey())
                                .knownHosts(oneSession.knownHosts())
                                .build(),
                        Map.<String, String>of()::get,
                        new SecretMask(),
                        Duration.ofSeconds(30))) {
            Path started = Fifos.create(dir.resolve("started"));
            Path release = Fifos.create(dir.resolve("release"));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<CommandResult> running = pool.submit(
                        () -> ssh.run("echo > '" + started + "'; cat '" + release + "' > /dev/null; echo done"));
                Fifos.awaitWriter(started);

                assertThatThrownBy(() -> ssh.run("echo second"))
                        .isInstanceOf(ConsoleException.class)
                        .hasMessageStartingWith("The server refused to open another SSH session on the connection to "
                                + "target 'staging'")
                        .hasMessageContaining("ssh.max-sessions = 4");

                Fifos.release(release);
                assertThat(running.get(30, TimeUnit.SECONDS).stdout()).isEqualTo("done\n");
            } finally {
                pool.shutdownNow();
            }
            assertThat(ssh.run("echo third").stdout()).isEqualTo("third\n");
            assertThat(ssh.connectCount()).isEqualTo(1);
        }
    }

    @Test
    void unknownHostKeyIsRefusedAndAcceptNewRecordsIt() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        try (SshConsole strict = new SshConsole(
                settings(empty, HostKeyPolicy.STRICT),
                Map.<String, String>of()::get,
                new SecretMask(),
                Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> strict.run("true"))
                    .hasMessageContaining("its host key is not in the known_hosts file " + empty)
                    .hasMessageContaining("The server offered ssh-ed25519 SHA256:")
                    .hasMessageContaining("ssh-keyscan -p " + sshd.port() + " -t ed25519 127.0.0.1");
        }
        try (SshConsole acceptNew = new SshConsole(
                settings(empty, HostKeyPolicy.ACCEPT_NEW),
                Map.<String, String>of()::get,
                new SecretMask(),
                Duration.ofSeconds(10))) {
            assertThat(acceptNew.run("echo ok").stdout()).isEqualTo("ok\n");
        }
        // The recorded line is the one ssh-keygen's public key gives, without its comment.
        String expected = Files.readString(sshd.knownHosts()).trim().replaceAll(" staging-target-test$", "");
        assertThat(Files.readString(empty).trim()).isEqualTo(expected);
    }
}
