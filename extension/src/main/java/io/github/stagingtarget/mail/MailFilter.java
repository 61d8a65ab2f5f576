package io.github.stagingtarget.mail;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Which message a test waits for: its recipient, and words its subject and bodies contain. Immutable; each
 * method returns a narrower filter.
 *
 * <pre>{@code
 * String edith = mailbox.address("edith");    // edith+k3x9q2mz@todo.test, unique to this run
 * MailMessage mail = mailbox.await(MailFilter.to(edith).subjectContains("login link").bodyContains("/login/"));
 * }</pre>
 *
 * <p>Addresses match case-insensitively against {@link MailMessage#recipients()} (so Bcc recipients that the
 * server recorded match too); text matches are case-sensitive substrings. Match on the recipient: a staging
 * mailbox is shared with other runs, and only run-unique addresses keep their mail apart.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class MailFilter {

    private final Optional<String> recipient;
    private final List<String> subjectParts;
    private final List<String> bodyParts;
    private final Optional<String> sender;

    private MailFilter(
            Optional<String> recipient, List<String> subjectParts, List<String> bodyParts, Optional<String> sender) {
        this.recipient = recipient;
        this.subjectParts = List.copyOf(subjectParts);
        this.bodyParts = List.copyOf(bodyParts);
        this.sender = sender;
    }

    /** Messages delivered for {@code address}. */
    public static MailFilter to(String address) {
        return new MailFilter(Optional.of(nonBlank(address, "address")), List.of(), List.of(), Optional.empty());
    }

    /** Any message the test received; narrow it with the other methods. */
    public static MailFilter any() {
        return new MailFilter(Optional.empty(), List.of(), List.of(), Optional.empty());
    }

    /** Only messages whose subject contains {@code text}. */
    public MailFilter subjectContains(String text) {
        return new MailFilter(recipient, plus(subjectParts, nonBlank(text, "text")), bodyParts, sender);
    }

    /** Only messages whose plain-text or HTML body contains {@code text}. */
    public MailFilter bodyContains(String text) {
        return new MailFilter(recipient, subjectParts, plus(bodyParts, nonBlank(text, "text")), sender);
    }

    /** Only messages sent from {@code address} (case-insensitive). */
    public MailFilter from(String address) {
        return new MailFilter(recipient, subjectParts, bodyParts, Optional.of(nonBlank(address, "address")));
    }

    /** Whether {@code message} passes every condition of this filter. */
    public boolean matches(MailMessage message) {
        if (recipient.isPresent()
                && message.recipients().stream().noneMatch(address -> address.equalsIgnoreCase(recipient.get()))) {
            return false;
        }
        if (sender.isPresent() && !message.from().equalsIgnoreCase(sender.get())) {
            return false;
        }
        String bodies = message.bodies();
        return subjectParts.stream().allMatch(message.subject()::contains)
                && bodyParts.stream().allMatch(bodies::contains);
    }

    /** For messages: {@code to edith+k3x9q2mz@todo.test, subject containing "login"}. */
    @Override
    public String toString() {
        List<String> conditions = new ArrayList<>();
        recipient.ifPresent(address -> conditions.add("to " + address));
        sender.ifPresent(address -> conditions.add("from " + address));
        subjectParts.forEach(part -> conditions.add("subject containing \"" + part + "\""));
        bodyParts.forEach(part -> conditions.add("body containing \"" + part + "\""));
        return conditions.isEmpty() ? "any message" : String.join(", ", conditions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MailFilter filter
                && recipient
                        .map(a -> a.toLowerCase(Locale.ROOT))
                        .equals(filter.recipient.map(a -> a.toLowerCase(Locale.ROOT)))
                && subjectParts.equals(filter.subjectParts)
                && bodyParts.equals(filter.bodyParts)
                && sender.equals(filter.sender);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient.map(a -> a.toLowerCase(Locale.ROOT)), subjectParts, bodyParts, sender);
    }

    private static List<String> plus(List<String> list, String value) {
        List<String> longer = new ArrayList<>(list);
        longer.add(value);
        return longer;
    }

    private static String nonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    name + " must not be blank, but was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
