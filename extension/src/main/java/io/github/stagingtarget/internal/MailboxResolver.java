package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.mail.Mailbox;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Injects the {@link Mailbox}. Jakarta Mail and GreenMail are optional: {@link Mailboxes}, which reaches them,
 * is only loaded when a test asks for a mailbox.
 */
final class MailboxResolver implements TypedResolver {

    @Override
    public boolean supports(Class<?> type) {
        return type == Mailbox.class;
    }

    @Override
    public Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type) {
        return Mailboxes.open(context);
    }
}
