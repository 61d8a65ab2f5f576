package io.github.stagingtarget.mail;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * No message matching a {@link MailFilter} arrived in time. The message names the filter, the time waited and
 * every message that did arrive since the test started (sender, recipients, subject), so that a typo in an
 * address or a changed subject shows at once.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public class MailTimeoutException extends MailboxException {

    private static final long serialVersionUID = 1L;

    public MailTimeoutException(String message) {
        super(message);
    }
}
