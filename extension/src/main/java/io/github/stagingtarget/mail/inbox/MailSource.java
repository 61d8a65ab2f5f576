package io.github.stagingtarget.mail.inbox;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where a target's mail arrives: the embedded SMTP server of a launched app, or a Maildir on the server.
 * A source keeps no per-test state: a test's view is its {@link #mark()} and the ids it has read.
 */
@API(status = INTERNAL, since = "0.2")
public interface MailSource {

    /** What is there now, so that {@link #since} returns only what arrives later. */
    Mark mark();

    /**
     * The messages that arrived after {@code mark}, oldest first, read in full except those whose id is in
     * {@code known} (returned without bytes, or left out).
     */
    List<RawMail> since(Mark mark, Set<String> known);

    /** Removes these messages from the server; only called on targets whose mail is not read-only. */
    void delete(List<String> ids);

    /** For messages: where the mail is read. */
    String describe();

    /** A source's own record of a moment. */
    @API(status = INTERNAL, since = "0.2")
    interface Mark {}

    /**
     * One message as stored.
     *
     * @param id unique within the source, stable while the message exists
     */
    @API(status = INTERNAL, since = "0.2")
    record RawMail(String id, byte[] bytes) {}
}
