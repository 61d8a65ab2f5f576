package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.StagingTargetTestKit.firstFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.mail.MailFilter;
import io.github.stagingtarget.mail.MailMessage;
import io.github.stagingtarget.mail.MailTimeoutException;
import io.github.stagingtarget.mail.Mailbox;
import io.github.stagingtarget.mail.MailboxException;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.MailingApp;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Events;

/**
 * The injected Mailbox through the extension: on a launched app with the embedded SMTP server, and on a Maildir
 * read through the local console; its wait, scope, read-only guard and evidence.
 */
@Isolated("the fixture classes find their Maildir through a static field")
class MailboxExtensionTests {

    @TempDir
    Path dir;

    static volatile Path maildir;

    private Path launchedConfig(boolean rawEvidence) {
        return ConfigFiles.write(dir, """
                staging-target.targets.local {
                  local = true
                  base-url = "http://127.0.0.1:{port}/"
                  launch {
                    main-class = "%s"
                    args = ["{port}", "{smtp-host}", "{smtp-port}"]
                    log-file = "%s/app.log"
                  }
                  mail { enabled = true, domain = "mailing.test", timeout = 10s, poll-interval = 50ms, raw-evidence = %s }
                }
                """.formatted(MailingApp.class.getName(), dir, rawEvidence));
    }

    @Test
    void aLaunchedAppSendsToTheEmbeddedServerAndTheTestReadsItsOwnMail() throws IOException {
        EngineExecutionResults results = StagingTargetTestKit.run(
                launchedConfig(false),
                "local",
                dir.resolve("outputs"),
                ReadsMailTestCase.class,
                ScopedTestCase.class,
                TimeoutTestCase.class,
                FailingTestCase.class);

        Events tests = results.testEvents();
        assertThat(tests.succeeded().count())
                .as("ReadsMail and the two Scoped tests")
                .isEqualTo(3);
        assertThat(tests.failed().count()).isEqualTo(2);

        Throwable timeout = failureOf(tests, TimeoutTestCase.class);
        String francis = "francis+" + ScopedMailboxAccess.runId() + "@mailing.test";
        assertThat(timeout)
                .isInstanceOf(MailTimeoutException.class)
                .hasMessageStartingWith("No message to edith+" + ScopedMailboxAccess.runId() + "@mailing.test, "
                        + "subject containing \"Welcome\" arrived within 700 ms in the embedded SMTP server 127.0.0.1:")
                .hasMessageContaining(". 1 message arrived since the test started:" + System.lineSeparator()
                        + "  1. from app@mailing.test to [" + francis + "] \"Welcome, Francis\""
                        + System.lineSeparator()
                        + "Raise the wait with await(filter, timeout) or staging-target.targets.local.mail.timeout");

        // The failed test's mail is published with the login token masked, and no raw .eml without the setting.
        List<Path> published = published("FailingTestCase");
        assertThat(published).extracting(path -> path.getFileName().toString()).containsExactly("mail-1.txt");
        String evidence = Files.readString(published.get(0));
        assertThat(evidence)
                .contains("subject: Your login link")
                .contains("https://todo.test/login/?token=****")
                .doesNotContain(FailingTestCase.TOKEN);
    }

    @Test
    void rawEmlEvidenceOnlyWhenTheSettingAllowsIt() throws IOException {
        EngineExecutionResults results =
                StagingTargetTestKit.run(launchedConfig(true), "local", dir.resolve("outputs"), FailingTestCase.class);

        assertThat(results.testEvents().failed().count()).isEqualTo(1);
        List<Path> published = published("FailingTestCase");
        assertThat(published)
                .extracting(path -> path.getFileName().toString())
                .containsExactly("mail-1.eml", "mail-1.txt");
        assertThat(Files.readString(published.get(0))).contains(FailingTestCase.TOKEN);
    }

    private Path maildirConfig() throws IOException {
        maildir = Files.createDirectories(dir.resolve("Maildir"));
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        return ConfigFiles.write(dir, """
                staging-target.defaults {
                  base-url = "http://127.0.0.1:9/"
                  ready.enabled = false
                  console.type = local
                  mail { enabled = true, domain = "box.test", timeout = 3s, poll-interval = 50ms, maildir = "%s" }
                }
                staging-target.targets {
                  production {}
                  staging { fixtures.allowed = true }
                }
                """.formatted(maildir));
    }

    @Test
    void aMaildirReadThroughTheLocalConsoleIsReadOnlyOnAGuardedTarget() throws IOException {
        EngineExecutionResults results = StagingTargetTestKit.run(maildirConfig(), "production", GuardedTestCase.class);

        assertThat(failures(results)).isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(files()).as("nothing deleted or moved").hasSize(2);
    }

    @Test
    void aTargetThatAllowsFixturesMayDeleteTheTestsOwnMail() throws IOException {
        EngineExecutionResults results = StagingTargetTestKit.run(maildirConfig(), "staging", DeletesTestCase.class);

        assertThat(failures(results)).isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(files()).as("the old message stays, the test's own is gone").hasSize(1);
    }

    @Test
    void aMailboxOnATargetWithoutMailIsRefusedWithTheKeyToSet() {
        Path config = ConfigFiles.write(
                dir, "staging-target.targets.staging { base-url = \"http://127.0.0.1:9/\", ready.enabled = false }");

        EngineExecutionResults results = StagingTargetTestKit.run(config, "staging", GuardedTestCase.class);

        assertThat(firstFailure(results.testEvents()))
                .isInstanceOf(org.junit.jupiter.api.extension.ParameterResolutionException.class)
                .hasMessageContaining("A Mailbox needs the target's mail enabled: set "
                        + "staging-target.targets.staging.mail.enabled = true (");
    }

    private static List<String> failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(event ->
                        String.valueOf(event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                                .getThrowable()
                                .orElseThrow()))
                .toList();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(maildir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private List<Path> published(String testCase) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("outputs"))) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.toString().contains(testCase))
                    .sorted()
                    .toList();
        }
    }

    private static Throwable failureOf(Events tests, Class<?> testCase) {
        return tests.failed().stream()
                .filter(event ->
                        event.getTestDescriptor().getUniqueId().toString().contains(testCase.getSimpleName()))
                .findFirst()
                .orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable()
                .orElseThrow();
    }

    /** The run id, as the extension's mailboxes use it. */
    static final class ScopedMailboxAccess {
        static String runId() {
            return io.github.stagingtarget.mail.inbox.ScopedMailbox.runId();
        }
    }

    static void send(Target target, String to, String subject, String body) {
        URI uri = target.baseUri()
                .resolve("send?to=" + encode(to) + "&subject=" + encode(subject) + "&body=" + encode(body));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("sent");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static final AtomicInteger DELIVERED = new AtomicInteger();

    /** Delivers as an MTA does: written in tmp/, then moved into new/. */
    static Path deliver(String to, String subject, Instant modified) {
        String name = Instant.now().getEpochSecond() + ".M" + DELIVERED.incrementAndGet() + "P1.box";
        try {
            Path tmp = Files.writeString(
                    maildir.resolve("tmp").resolve(name),
                    "X-Original-To: " + to + "\r\nFrom: app@box.test\r\nTo: " + to + "\r\nSubject: " + subject
                            + "\r\n\r\nhello\r\n");
            Files.setLastModifiedTime(tmp, FileTime.from(modified));
            return Files.move(tmp, maildir.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @StagingTarget
    static class ReadsMailTestCase {
        @Test
        void readsWhatTheAppSent(Mailbox mailbox, Target target) {
            String edith = mailbox.address("edith");
            assertThat(edith).isEqualTo("edith+" + ScopedMailboxAccess.runId() + "@mailing.test");
            send(target, edith, "Your list", "See https://todo.test/lists/7/ soon.");

            MailMessage mail = mailbox.await(MailFilter.to(edith).subjectContains("list"));

            assertThat(mail.subject()).isEqualTo("Your list");
            assertThat(mail.from()).isEqualTo("app@mailing.test");
            assertThat(mail.to()).containsExactly(edith);
            assertThat(mail.text()).isEqualTo("See https://todo.test/lists/7/ soon.");
            assertThat(mail.links()).containsExactly("https://todo.test/lists/7/");
            assertThat(mailbox.messages()).containsExactly(mail);
        }
    }

    @StagingTarget
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ScopedTestCase {
        @Test
        @Order(1)
        void sends(Mailbox mailbox, Target target) {
            send(target, mailbox.address("scoped"), "first", "");
            mailbox.await(MailFilter.to(mailbox.address("scoped")));
        }

        @Test
        @Order(2)
        void seesOnlyWhatArrivesInItsOwnTest(Mailbox mailbox, Target target) {
            assertThat(mailbox.messages()).isEmpty();
            send(target, mailbox.address("scoped"), "second", "");
            assertThat(mailbox.await(MailFilter.to(mailbox.address("scoped"))).subject())
                    .isEqualTo("second");
            assertThat(mailbox.messages()).extracting(MailMessage::subject).containsExactly("second");
        }
    }

    @StagingTarget
    static class TimeoutTestCase {
        @Test
        void waitsInVain(Mailbox mailbox, Target target) {
            send(target, mailbox.address("francis"), "Welcome, Francis", "");
            mailbox.await(MailFilter.any().subjectContains("Welcome, Francis"));
            mailbox.await(MailFilter.to(mailbox.address("edith")).subjectContains("Welcome"), Duration.ofMillis(700));
        }
    }

    @StagingTarget
    static class FailingTestCase {
        static final String TOKEN = "s3cr3t-l0gin-t0ken";

        @Test
        void failsAfterReceivingALoginLink(Mailbox mailbox, Target target) {
            send(target, mailbox.address("edith"), "Your login link", "https://todo.test/login/?token=" + TOKEN);
            mailbox.await(MailFilter.to(mailbox.address("edith")));
            fail("the test's own failure");
        }
    }

    @StagingTarget
    static class GuardedTestCase {
        @Test
        void readsButNeverDeletes(Mailbox mailbox) {
            String edith = mailbox.address("edith");
            deliver(edith, "before the test", Instant.now().minus(Duration.ofHours(1)));
            deliver(edith, "in the test", Instant.now());

            assertThat(mailbox.await(MailFilter.to(edith)).subject()).isEqualTo("in the test");
            assertThat(mailbox.messages()).extracting(MailMessage::subject).containsExactly("in the test");
            assertThatThrownBy(mailbox::deleteReceived)
                    .isInstanceOf(MailboxException.class)
                    .hasMessageStartingWith("Refusing to delete mail from the Maildir " + maildir + " on ")
                    .hasMessageContaining("the mail of this target is read-only, because the target does not allow "
                            + "fixtures (staging-target.targets.production.fixtures.allowed: not set for this target)");
        }
    }

    @StagingTarget
    static class DeletesTestCase {
        @Test
        void deletesItsOwn(Mailbox mailbox) {
            String edith = mailbox.address("edith");
            deliver(edith, "before the test", Instant.now().minus(Duration.ofHours(1)));
            deliver(edith, "in the test", Instant.now());
            mailbox.await(MailFilter.to(edith));

            mailbox.deleteReceived();

            assertThat(mailbox.messages()).isEmpty();
        }
    }
}
