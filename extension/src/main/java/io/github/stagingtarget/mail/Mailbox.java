package io.github.stagingtarget.mail;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The e-mail the application under test sent during this test, on every target: for a launched app, what it
 * sent to the embedded SMTP server the extension started for it; for a remote target, the new files of a
 * Maildir on the server, read through the {@link io.github.stagingtarget.console.ServerConsole} (SSH). The
 * target enables it with {@code mail.enabled = true} (docs/mail.md).
 *
 * <pre>{@code
 * @StagingTarget
 * class EmailLoginIT {
 *     @Test
 *     void logsInThroughTheLinkInTheEmail(Mailbox mailbox, Browser browser) {
 *         String edith = mailbox.address("edith");          // edith+k3x9q2mz@todo.test
 *         // ... the visitor asks for a login link for edith
 *         MailMessage mail = mailbox.await(MailFilter.to(edith).subjectContains("login link"));
 *         browser.get(mail.link("/login/"));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Scope.</b> A mailbox sees what arrived since it was injected: inject it into the test method (or a
 * {@code @BeforeEach} method, or the constructor) to get the test's own mail. It matches on recipients, and
 * {@link #address} gives addresses unique to this run, so that parallel classes and other runs sharing a staging
 * mailbox do not see each other's mail by accident.
 *
 * <p><b>Read-only on guarded targets.</b> Reading never changes the server's mail. {@link #deleteReceived()} is
 * refused unless the target allows fixtures ({@code fixtures.allowed = true}): production mail is never deleted.
 *
 * <p>When a test fails, the messages it received are published as files (secrets masked). Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface Mailbox {

    /**
     * An address unique to this run at the target's catch-all domain ({@code mail.domain}):
     * {@code address("edith")} gives {@code edith+<run id>@<domain>}, the same for every call of the run.
     *
     * @throws IllegalArgumentException if {@code name} is not letters, digits, {@code .}, {@code _} or {@code -}
     */
    String address(String name);

    /** The catch-all domain the target's mail is delivered for ({@code mail.domain}). */
    String domain();

    /**
     * Waits for the first message matching {@code filter}, up to the target's {@code mail.timeout}.
     *
     * @throws MailTimeoutException listing every message that did arrive, if none matched in time
     */
    MailMessage await(MailFilter filter);

    /**
     * Like {@link #await(MailFilter)} with its own timeout.
     *
     * @throws MailTimeoutException listing every message that did arrive, if none matched in time
     */
    MailMessage await(MailFilter filter, Duration timeout);

    /** The messages that arrived in this mailbox's scope so far, oldest first; does not wait. */
    List<MailMessage> messages();

    /**
     * Deletes the messages of this mailbox's scope from the server, e.g. to keep a shared staging Maildir small.
     *
     * @throws MailboxException if the target does not allow fixtures: its mail is read-only
     */
    void deleteReceived();

    /** Where the mail is read, for messages: e.g. {@code Maildir /home/deploy/Maildir over ssh ...}. */
    String describe();
}
