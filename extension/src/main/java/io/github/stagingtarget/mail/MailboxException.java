package io.github.stagingtarget.mail;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.stagingtarget.StagingTargetException;
import org.apiguardian.api.API;

/**
 * A problem of a {@link Mailbox}: the mail could not be read, a message could not be parsed, or a change was
 * refused because the target's mail is read-only. The message never contains a secret.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public class MailboxException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public MailboxException(String message) {
        super(message);
    }

    public MailboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
