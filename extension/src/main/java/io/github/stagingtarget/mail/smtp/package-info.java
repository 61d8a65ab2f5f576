/**
 * The embedded SMTP server (GreenMail) a launched application sends its mail to, on a free loopback port.
 * Loaded only when a launched target enables mail.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.mail.smtp;
