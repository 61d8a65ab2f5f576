/**
 * Reading the e-mail the application under test sends: the injected {@link io.github.stagingtarget.mail.Mailbox},
 * the {@link io.github.stagingtarget.mail.MailMessage}s it returns, {@link io.github.stagingtarget.mail.MailFilter}
 * to wait for one, and what a mailbox throws. API. Where the mail comes from — an embedded SMTP server for a
 * launched target ({@code mail.smtp}), a Maildir on the server read through the console ({@code mail.inbox}) — is
 * internal. Needs Jakarta Mail ({@code org.eclipse.angus:angus-mail}) on the test class path; see
 * {@code docs/mail.md}.
 */
package io.github.stagingtarget.mail;
