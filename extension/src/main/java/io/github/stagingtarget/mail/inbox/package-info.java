/**
 * The mailbox behind the API: a test's view of a {@code MailSource} (what arrived since the test started, the
 * wait, the read-only guard), and the source that reads a Maildir on the target's server through its console.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.mail.inbox;
