package io.github.stagingtarget.mail.inbox;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.mail.MailFilter;
import io.github.stagingtarget.mail.MailMessage;
import io.github.stagingtarget.mail.MailTimeoutException;
import io.github.stagingtarget.mail.Mailbox;
import io.github.stagingtarget.mail.MailboxException;
import io.github.stagingtarget.secrets.SecretMask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * A test's mailbox: the messages of a {@link MailSource} that arrived after this mailbox was made, parsed once
 * each. Deleting is refused unless {@code deletable} says why it is allowed.
 */
@API(status = INTERNAL, since = "0.2")
public final class ScopedMailbox implements Mailbox {

    private final MailSource source;
    private final MailSettings settings;
    private final Optional<String> readOnlyBecause;
    private final SecretMask mask;
    private final LongSupplier nanoClock;
    private final MailSource.Mark mark;
    private final Map<String, MailMessage> received = new LinkedHashMap<>();

    /**
     * Marks the source now: the mailbox sees what arrives from here on.
     *
     * @param readOnlyBecause why the target's mail is read-only (fixtures not allowed, and where that was
     *     decided), or empty if {@link #deleteReceived()} may delete
     */
    public ScopedMailbox(MailSource source, MailSettings settings, Optional<String> readOnlyBecause, SecretMask mask) {
        this(source, settings, readOnlyBecause, mask, System::nanoTime);
    }

    ScopedMailbox(
            MailSource source,
            MailSettings settings,
            Optional<String> readOnlyBecause,
            SecretMask mask,
            LongSupplier nanoClock) {
        this.source = source;
        this.settings = settings;
        this.readOnlyBecause = readOnlyBecause;
        this.mask = mask;
        this.nanoClock = nanoClock;
        this.mark = reading(source::mark);
    }

    /** This run's id, as it appears in {@link #address}. */
    public static String runId() {
        return RunAddresses.runId();
    }

    @Override
    public String address(String name) {
        return RunAddresses.address(name, settings.domain());
    }

    @Override
    public String domain() {
        return settings.domain();
    }

    @Override
    public MailMessage await(MailFilter filter) {
        return await(filter, settings.timeout());
    }

    @Override
    public MailMessage await(MailFilter filter, Duration timeout) {
        if (filter == null || timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException(
                    "await needs a filter and a timeout of zero or more, but got " + filter + " and " + timeout);
        }
        long deadline = nanoClock.getAsLong() + timeout.toNanos();
        while (true) {
            for (MailMessage message : messages()) {
                if (filter.matches(message)) {
                    return message;
                }
            }
            long left = deadline - nanoClock.getAsLong();
            if (left <= 0) {
                throw timedOut(filter, timeout);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(settings.pollInterval().toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailboxException(
                        "Interrupted while waiting for a message " + filter + " in " + describe(), e);
            }
        }
    }

    @Override
    public synchronized List<MailMessage> messages() {
        List<MailSource.RawMail> arrived = reading(() -> source.since(mark, Set.copyOf(received.keySet())));
        for (MailSource.RawMail raw : arrived) {
            if (!received.containsKey(raw.id()) && raw.bytes() != null) {
                received.put(raw.id(), MailMessage.parse(raw.bytes()));
            }
        }
        return List.copyOf(received.values());
    }

    /** What was read so far, without asking the source again: for evidence after a failure. */
    public synchronized List<MailMessage> receivedSoFar() {
        return List.copyOf(received.values());
    }

    /** Whether raw {@code .eml} evidence is allowed ({@code mail.raw-evidence}). */
    public boolean rawEvidence() {
        return settings.rawEvidence();
    }

    @Override
    public synchronized void deleteReceived() {
        if (readOnlyBecause.isPresent()) {
            throw new MailboxException("Refusing to delete mail from " + describe() + ": the mail of this target is "
                    + "read-only, because " + readOnlyBecause.get() + ". Only a target whose own block says "
                    + "fixtures.allowed = true lets a test delete mail.");
        }
        messages();
        List<String> ids = new ArrayList<>(received.keySet());
        if (!ids.isEmpty()) {
            reading(() -> {
                source.delete(ids);
                return null;
            });
            received.keySet().removeAll(ids);
        }
    }

    @Override
    public String describe() {
        return source.describe();
    }

    private MailTimeoutException timedOut(MailFilter filter, Duration timeout) {
        List<MailMessage> arrived = receivedSoFar();
        StringBuilder message = new StringBuilder("No message ")
                .append(filter)
                .append(" arrived within ")
                .append(timeout.toMillis() >= 1000 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms")
                .append(" in ")
                .append(describe())
                .append(". ");
        if (arrived.isEmpty()) {
            message.append("No message at all arrived since the test started: check that the application sends "
                    + "mail to this target's mail server");
            message.append(
                    settings.embedded()
                            ? " (a launched app gets the embedded server as " + MailSettings.SMTP_HOST_PLACEHOLDER
                                    + " and " + MailSettings.SMTP_PORT_PLACEHOLDER + " in launch.args or launch.env)."
                            : " and that the server delivers to "
                                    + settings.maildir().orElse("the Maildir") + ".");
        } else {
            message.append(arrived.size())
                    .append(arrived.size() == 1 ? " message" : " messages")
                    .append(" arrived since the test started:");
            int n = 1;
            for (MailMessage mail : arrived) {
                message.append(System.lineSeparator())
                        .append("  ")
                        .append(n++)
                        .append(". ")
                        .append(mail);
            }
        }
        message.append(System.lineSeparator())
                .append("Raise the wait with await(filter, timeout) or ")
                .append(settings.key())
                .append(".timeout if the mail is only slow.");
        return new MailTimeoutException(mask.apply(message.toString()));
    }

    private interface Reading<T> {
        T read();
    }

    private <T> T reading(Reading<T> reading) {
        try {
            return reading.read();
        } catch (MailboxException e) {
            throw e;
        } catch (StagingTargetException e) {
            throw new MailboxException(
                    mask.apply("Cannot read the mail of " + source.describe() + ": " + e.getMessage()), e);
        }
    }
}
