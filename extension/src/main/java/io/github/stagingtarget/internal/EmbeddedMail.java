package io.github.stagingtarget.internal;

import io.github.stagingtarget.mail.inbox.MailSource;
import io.github.stagingtarget.mail.smtp.EmbeddedSmtpServer;
import java.util.Map;

/**
 * The one door to the embedded SMTP server: GreenMail is optional, and this class is only loaded when a launched
 * target enables mail.
 */
final class EmbeddedMail {

    private EmbeddedMail() {}

    static MailSource start(String target) {
        try {
            return EmbeddedSmtpServer.start(target);
        } catch (NoClassDefFoundError e) {
            throw new io.github.stagingtarget.mail.MailboxException(
                    "Target '" + target + "' enables mail, so the extension starts an embedded SMTP server for its "
                            + "application, which needs GreenMail and Jakarta Mail on the test class path: add the test "
                            + "dependencies com.icegreen:greenmail and org.eclipse.angus:angus-mail (see docs/mail.md)",
                    e);
        }
    }

    static Map<String, String> placeholders(MailSource server) {
        return ((EmbeddedSmtpServer) server).placeholders();
    }

    static void stop(MailSource server) {
        ((EmbeddedSmtpServer) server).close();
    }
}
