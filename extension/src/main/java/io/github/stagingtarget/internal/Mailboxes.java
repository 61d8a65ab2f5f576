package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.mail.MailMessage;
import io.github.stagingtarget.mail.inbox.MailSettings;
import io.github.stagingtarget.mail.inbox.MailSource;
import io.github.stagingtarget.mail.inbox.MaildirSource;
import io.github.stagingtarget.mail.inbox.ScopedMailbox;
import io.github.stagingtarget.secrets.SecretMask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The mailboxes of a test, in the store of the context that injected them (the test's, for a test method
 * parameter), and the evidence they leave when the test fails.
 */
final class Mailboxes {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "mail");
    private static final String OPENED = "mailboxes";

    private Mailboxes() {}

    /** The mailboxes opened in one context. */
    @SuppressWarnings("serial")
    static final class Opened extends CopyOnWriteArrayList<ScopedMailbox> {}

    static ScopedMailbox open(ExtensionContext context) {
        MailSettings mail = TargetStore.mail(context);
        if (!mail.enabled()) {
            throw new ParameterResolutionException("A Mailbox needs the target's mail enabled: set " + mail.key()
                    + ".enabled = true (" + mail.enabledOrigin() + "), with " + mail.key()
                    + ".maildir for a remote target (see docs/mail.md)");
        }
        try {
            Class.forName("jakarta.mail.internet.MimeMessage", false, Mailboxes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ParameterResolutionException(
                    "A Mailbox needs Jakarta Mail on the test class path: add the test dependency "
                            + "org.eclipse.angus:angus-mail (see docs/mail.md)",
                    e);
        }
        ServerSettings server = TargetStore.server(context);
        Optional<String> readOnlyBecause = server.fixtures().allowed()
                ? Optional.empty()
                : Optional.of("the target does not allow fixtures ("
                        + server.fixtures().keyPrefix() + ".allowed: "
                        + server.fixtures().origin() + ")");
        SecretMask mask = TargetStore.mask(context);
        ScopedMailbox mailbox =
                new ScopedMailbox(source(context, mail, readOnlyBecause.isEmpty()), mail, readOnlyBecause, mask);
        context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(OPENED, key -> new Opened(), Opened.class)
                .add(mailbox);
        return mailbox;
    }

    private static MailSource source(ExtensionContext context, MailSettings mail, boolean writable) {
        if (mail.maildir().isPresent()) {
            return new MaildirSource(
                    ServerStore.console(context), mail.maildir().get(), writable);
        }
        return TargetStore.embeddedMail(context)
                .orElseThrow(() -> new ParameterResolutionException("No embedded SMTP server runs for target '"
                        + TargetStore.definition(context).name() + "'"));
    }

    /**
     * Publishes the messages a failed test received: each as text with the run's secrets and secret-named
     * parameters (login tokens) masked, and as a raw {@code .eml} only if {@code mail.raw-evidence} allows it.
     * A problem doing so never hides the test's own failure.
     */
    static void publishEvidence(ExtensionContext context, Throwable failure) {
        Opened opened = context.getStore(NAMESPACE).get(OPENED, Opened.class);
        if (opened == null) {
            return;
        }
        SecretMask mask = TargetStore.mask(context);
        int n = 0;
        for (ScopedMailbox mailbox : opened) {
            try {
                List<MailMessage> messages = mailbox.messages();
                for (MailMessage message : messages) {
                    n++;
                    byte[] text = mask.apply(text(message)).getBytes(StandardCharsets.UTF_8);
                    EvidencePublisher.publish(context, "mail-" + n + ".txt", file -> Files.write(file, text), failure);
                    if (mailbox.rawEvidence()) {
                        byte[] raw = message.raw();
                        EvidencePublisher.publish(
                                context, "mail-" + n + ".eml", file -> Files.write(file, raw), failure);
                    }
                }
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static String text(MailMessage message) {
        StringBuilder text = new StringBuilder();
        message.headers()
                .forEach((name, values) -> values.forEach(
                        value -> text.append(name).append(": ").append(value).append('\n')));
        text.append("\n--- text/plain ---\n").append(message.text());
        text.append("\n--- text/html ---\n").append(message.html()).append('\n');
        return text.toString();
    }
}
