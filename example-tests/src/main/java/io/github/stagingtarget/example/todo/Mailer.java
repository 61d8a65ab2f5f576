package io.github.stagingtarget.example.todo;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends the app's mail over SMTP to {@code --smtp-host}/{@code --smtp-port} (no authentication, no TLS: the
 * server is the host's own MTA on loopback, or the tests' embedded one).
 */
final class Mailer {

    private final Optional<Session> session;
    private final String from;

    Mailer(AppSettings settings) {
        this.from = settings.mailFrom();
        this.session = settings.smtpHost().map(host -> {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", host);
            properties.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
            properties.put("mail.smtp.connectiontimeout", "10000");
            properties.put("mail.smtp.timeout", "10000");
            // The EHLO name; else Jakarta Mail looks up this machine's name, which may take seconds offline.
            properties.put("mail.smtp.localhost", "localhost");
            return Session.getInstance(properties);
        });
    }

    /** Whether logging in goes through an e-mailed link; without an SMTP server it is immediate (development). */
    boolean enabled() {
        return session.isPresent();
    }

    void sendLoginLink(String to, String link) throws MessagingException {
        MimeMessage message = new MimeMessage(session.orElseThrow());
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject("Your login link for To-Do lists", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(
                "Hello,\n\nfollow this link to log in to your To-Do lists:\n\n" + link
                        + "\n\nIt works once, within 15 minutes. If you did not ask for it, ignore this message.\n",
                "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(
                "<p>Hello,</p><p><a id=\"login-link\" href=\"" + Pages.escape(link)
                        + "\">Log in to your To-Do lists</a></p>"
                        + "<p>It works once, within 15 minutes. If you did not ask for it, ignore this message.</p>",
                "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        Transport.send(message);
    }
}
