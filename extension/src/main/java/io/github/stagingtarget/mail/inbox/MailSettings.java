package io.github.stagingtarget.mail.inbox;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A target's {@code mail} block, validated. Mail comes from a Maildir on the server when {@code maildir} is
 * set, else from the embedded SMTP server started for the target's launched app.
 *
 * @param key the block's full key, for messages ({@code staging-target.targets.local.mail})
 * @param enabledOrigin where {@code mail.enabled} was set, for messages
 */
@API(status = INTERNAL, since = "0.2")
public record MailSettings(
        boolean enabled,
        String domain,
        Duration timeout,
        Duration pollInterval,
        Optional<String> maildir,
        boolean rawEvidence,
        String key,
        String enabledOrigin) {

    /** Replaced by the embedded SMTP server's host in a launched app's {@code launch.args}, {@code env}, …. */
    public static final String SMTP_HOST_PLACEHOLDER = "{smtp-host}";

    /** Replaced by the embedded SMTP server's port, like {@link #SMTP_HOST_PLACEHOLDER}. */
    public static final String SMTP_PORT_PLACEHOLDER = "{smtp-port}";

    /** Whether the extension starts an embedded SMTP server for this target's launched app. */
    public boolean embedded() {
        return enabled && maildir.isEmpty();
    }
}
