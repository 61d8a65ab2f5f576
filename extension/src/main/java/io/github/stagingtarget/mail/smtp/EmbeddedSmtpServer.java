package io.github.stagingtarget.mail.smtp;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.stagingtarget.mail.MailboxException;
import io.github.stagingtarget.mail.inbox.MailSettings;
import io.github.stagingtarget.mail.inbox.MailSource;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * An SMTP server on a free loopback port that accepts mail for any address (GreenMail), started for a launched
 * app before the app, stopped after it. Each message is kept per recipient, with that recipient recorded as
 * {@code X-Original-To} the way Postfix records a catch-all's original recipient, so that matching works the
 * same on both sides (and finds Bcc recipients).
 */
@API(status = INTERNAL, since = "0.2")
public final class EmbeddedSmtpServer implements MailSource, AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;
    private final Map<StoredMessage, String> ids = new IdentityHashMap<>();
    private final Map<String, Stored> byId = new java.util.HashMap<>();
    private long next;

    private record Stored(MailFolder folder, StoredMessage message, String recipient) {}

    private EmbeddedSmtpServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /**
     * @throws MailboxException if it cannot start (GreenMail missing from the class path included)
     */
    public static EmbeddedSmtpServer start(String target) {
        GreenMail greenMail;
        try {
            greenMail = new GreenMail(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP).dynamicPort());
            greenMail.start();
        } catch (RuntimeException e) {
            throw new MailboxException(
                    "Cannot start the embedded SMTP server for target '" + target + "' on " + HOST + ": "
                            + e.getMessage(),
                    e);
        }
        return new EmbeddedSmtpServer(greenMail);
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** The values of the launch placeholders {@code {smtp-host}} and {@code {smtp-port}}. */
    public Map<String, String> placeholders() {
        return Map.of(
                MailSettings.SMTP_HOST_PLACEHOLDER,
                host(),
                MailSettings.SMTP_PORT_PLACEHOLDER,
                Integer.toString(port()));
    }

    private record IdMark(Set<String> present) implements Mark {}

    @Override
    public synchronized Mark mark() {
        return new IdMark(new HashSet<>(stored().keySet()));
    }

    @Override
    public synchronized List<RawMail> since(Mark mark, Set<String> known) {
        Set<String> present = ((IdMark) mark).present();
        List<RawMail> mail = new ArrayList<>();
        stored().forEach((id, stored) -> {
            if (!present.contains(id)) {
                mail.add(new RawMail(id, known.contains(id) ? null : bytes(stored)));
            }
        });
        return mail;
    }

    @Override
    public synchronized void delete(List<String> deleted) {
        try {
            Set<MailFolder> folders = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (String id : deleted) {
                Stored stored = byId.get(id);
                if (stored != null) {
                    stored.message().setFlag(Flags.Flag.DELETED, true);
                    folders.add(stored.folder());
                }
            }
            for (MailFolder folder : folders) {
                folder.expunge();
            }
        } catch (FolderException e) {
            throw new MailboxException("Cannot delete mail from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "the embedded SMTP server " + HOST + ":" + port();
    }

    /** Every stored message by id, in order of arrival. */
    private Map<String, Stored> stored() {
        List<Stored> all = new ArrayList<>();
        try {
            for (GreenMailUser user : greenMail.getUserManager().listUser()) {
                MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
                for (StoredMessage message : inbox.getNonDeletedMessages()) {
                    all.add(new Stored(inbox, message, user.getEmail()));
                }
            }
        } catch (FolderException e) {
            throw new MailboxException("Cannot read mail from " + describe() + ": " + e.getMessage(), e);
        }
        all.sort((a, b) -> a.message().getReceivedDate().compareTo(b.message().getReceivedDate()));
        Map<String, Stored> byArrival = new java.util.LinkedHashMap<>();
        for (Stored stored : all) {
            String id = ids.computeIfAbsent(stored.message(), message -> "m" + (++next));
            byId.put(id, stored);
            byArrival.put(id, stored);
        }
        return byArrival;
    }

    private byte[] bytes(Stored stored) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(("X-Original-To: " + stored.recipient() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            stored.message().getMimeMessage().writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new MailboxException("Cannot read a message from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
