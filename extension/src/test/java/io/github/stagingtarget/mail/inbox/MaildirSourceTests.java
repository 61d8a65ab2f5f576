package io.github.stagingtarget.mail.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.console.shell.LocalConsole;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.console.ssh.SshConsole;
import io.github.stagingtarget.mail.MailMessage;
import io.github.stagingtarget.mail.MailboxException;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.testsupport.OpenSshServer;
import io.github.stagingtarget.testsupport.SshSettingsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Maildir read through a real console: a local process, and Debian's OpenSSH sshd. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaildirSourceTests {

    private Path dir;
    private OpenSshServer sshd;

    @BeforeAll
    void directory(@TempDir Path dir) {
        this.dir = dir;
    }

    @AfterAll
    void stop() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "openssh"})
    void readsWhatWasDeliveredAfterTheMarkByteForByteAndNothingElse(String kind) throws Exception {
        Path maildir = maildir(kind);
        deliver(
                maildir,
                "new",
                "1.old",
                "Subject: last week\r\n\r\nold\r\n",
                Instant.now().minusSeconds(7 * 86400));
        deliver(
                maildir,
                "cur",
                "2.read:2,S",
                "Subject: an hour ago\r\n\r\nold\r\n",
                Instant.now().minusSeconds(3600));
        deliver(maildir, "new", "3.justnow", "Subject: just before\r\n\r\nold\r\n", Instant.now());
        try (ShellConsole console = console(kind)) {
            MaildirSource source = new MaildirSource(console, maildir.toString(), false);
            MailSource.Mark mark = source.mark();
            assertThat(source.since(mark, Set.of())).isEmpty();

            // 8-bit UTF-8 and a line that looks like our own separator survive the trip.
            String body = "Subject: =?UTF-8?Q?Caf=C3=A9?=\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\n=== not a file\r\nZoë\r\n";
            deliver(maildir, "new", "4.first", body, Instant.now());
            deliver(maildir, "cur", "5.second:2,S", "Subject: second\r\n\r\nhi\r\n", Instant.now());

            List<MailSource.RawMail> mail = source.since(mark, Set.of());
            assertThat(mail).extracting(MailSource.RawMail::id).containsExactly("4.first", "5.second");
            assertThat(new String(mail.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo(body);
            assertThat(MailMessage.parse(mail.get(0).bytes()).subject()).isEqualTo("Café");
            assertThat(MailMessage.parse(mail.get(0).bytes()).text()).isEqualTo("=== not a file\r\nZoë\r\n");
            assertThat(source.since(mark, Set.of("4.first")))
                    .extracting(MailSource.RawMail::id)
                    .containsExactly("5.second");

            assertThatThrownBy(() -> source.delete(List.of("4.first")))
                    .isInstanceOf(MailboxException.class)
                    .hasMessageEndingWith(": it is read-only");
            assertThat(maildir.resolve("new/4.first")).exists();

            new MaildirSource(console, maildir.toString(), true).delete(List.of("4.first", "5.second"));
            assertThat(maildir.resolve("new/4.first")).doesNotExist();
            assertThat(maildir.resolve("cur/5.second:2,S")).doesNotExist();
            assertThat(maildir.resolve("new/1.old")).exists();
            assertThat(source.since(mark, Set.of())).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "openssh"})
    void aMaildirNotCreatedYetIsEmptyUntilTheFirstDelivery(String kind) throws Exception {
        Path maildir = dir.resolve(kind + "-later");
        try (ShellConsole console = console(kind)) {
            MaildirSource source = new MaildirSource(console, maildir.toString(), false);
            MailSource.Mark mark = source.mark();
            assertThat(source.since(mark, Set.of())).isEmpty();
            Files.createDirectories(maildir.resolve("tmp"));
            deliver(maildir, "new", "1.first", "Subject: first\r\n\r\nhi\r\n", Instant.now());

            assertThat(source.since(mark, Set.of()))
                    .extracting(MailSource.RawMail::id)
                    .containsExactly("1.first");
        }
    }

    private Path maildir(String kind) throws IOException {
        Path maildir = Files.createTempDirectory(dir, kind + "-Maildir");
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        return maildir;
    }

    private static void deliver(Path maildir, String sub, String name, String content, Instant modified)
            throws IOException {
        Path tmp = Files.writeString(maildir.resolve("tmp").resolve(name), content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(tmp, FileTime.from(modified));
        Files.createDirectories(maildir.resolve(sub));
        Files.move(tmp, maildir.resolve(sub).resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private ShellConsole console(String kind) throws IOException {
        Duration timeout = Duration.ofSeconds(30);
        if (kind.equals("local")) {
            return new LocalConsole("local", Optional.of(dir), Map.of(), timeout, new SecretMask());
        }
        assumeTrue(OpenSshServer.available(), "skipped: " + OpenSshServer.SSHD + " is not installed");
        if (sshd == null) {
            // One sshd for the class: starting one costs seconds on a busy machine.
            sshd = OpenSshServer.start(Files.createTempDirectory(dir, "sshd"));
        }
        return new SshConsole(
                SshSettingsBuilder.ssh(sshd.port())
                        .user(OpenSshServer.user())
                        .identity(sshd.clientKey())
                        .knownHosts(sshd.knownHosts())
                        .build(),
                Map.<String, String>of()::get,
                new SecretMask(),
                timeout);
    }
}
