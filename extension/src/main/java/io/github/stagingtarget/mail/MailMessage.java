package io.github.stagingtarget.mail;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One e-mail as the application sent it, parsed: subject, sender and recipients, the plain-text and HTML
 * bodies, headers and the links in it. Plain getters of strings and lists, made for AssertJ:
 *
 * <pre>{@code
 * MailMessage mail = mailbox.await(MailFilter.to(edith).subjectContains("Your login link"));
 * assertThat(mail.from()).isEqualTo("noreply@todo.test");
 * assertThat(mail.text()).contains("valid for 15 minutes");
 * browser.get(mail.link("/login/"));
 * }</pre>
 *
 * <p>Addresses are the bare addresses ({@code edith@example.com}), without display names. Immutable and
 * thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class MailMessage {

    private static final Pattern HREF = Pattern.compile("(?i)href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')\\]]+");

    private final byte[] raw;
    private final String subject;
    private final String from;
    private final List<String> to;
    private final List<String> cc;
    private final List<String> deliveredTo;
    private final Optional<Instant> sentAt;
    private final String text;
    private final String html;
    private final Map<String, List<String>> headers;

    MailMessage(
            byte[] raw,
            String subject,
            String from,
            List<String> to,
            List<String> cc,
            List<String> deliveredTo,
            Optional<Instant> sentAt,
            String text,
            String html,
            Map<String, List<String>> headers) {
        this.raw = raw.clone();
        this.subject = subject;
        this.from = from;
        this.to = List.copyOf(to);
        this.cc = List.copyOf(cc);
        this.deliveredTo = List.copyOf(deliveredTo);
        this.sentAt = sentAt;
        this.text = text;
        this.html = html;
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Parses a message in RFC 822 form, as a mail server stores it (an {@code .eml} file, a Maildir file).
     *
     * @throws MailboxException if it cannot be parsed, or Jakarta Mail is not on the class path
     */
    public static MailMessage parse(byte[] raw) {
        try {
            return MimeParser.parse(raw);
        } catch (NoClassDefFoundError e) {
            throw new MailboxException(
                    "Reading mail needs Jakarta Mail on the test class path: add the test dependency "
                            + "org.eclipse.angus:angus-mail (see docs/mail.md)",
                    e);
        }
    }

    /** The decoded subject; {@code ""} if there is none. */
    public String subject() {
        return subject;
    }

    /** The sender's address (the first of {@code From}); {@code ""} if there is none. */
    public String from() {
        return from;
    }

    /** The addresses of the {@code To} header. */
    public List<String> to() {
        return to;
    }

    /** The addresses of the {@code Cc} header. */
    public List<String> cc() {
        return cc;
    }

    /**
     * Every address the message was delivered for: {@code To}, {@code Cc}, and the envelope recipients the
     * receiving server recorded ({@code X-Original-To}, {@code Delivered-To}), which also name Bcc recipients.
     */
    public List<String> recipients() {
        LinkedHashSet<String> all = new LinkedHashSet<>(to);
        all.addAll(cc);
        all.addAll(deliveredTo);
        return List.copyOf(all);
    }

    /** The {@code Date} header, if present and valid. */
    public Optional<Instant> sentAt() {
        return sentAt;
    }

    /** The plain-text body (the first {@code text/plain} part that is not an attachment); {@code ""} if none. */
    public String text() {
        return text;
    }

    /** The HTML body (the first {@code text/html} part that is not an attachment); {@code ""} if none. */
    public String html() {
        return html;
    }

    /** The first value of a header, decoded; the name is case-insensitive. */
    public Optional<String> header(String name) {
        return headers(name).stream().findFirst();
    }

    /** Every value of a header, decoded, in order; the name is case-insensitive. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Every header by lower-case name, in the order of the message. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The http and https links of the message, in order, without duplicates: the {@code href}s of the HTML
     * body, then the URLs written in the plain-text body.
     */
    public List<String> links() {
        LinkedHashSet<String> links = new LinkedHashSet<>();
        Matcher href = HREF.matcher(html);
        while (href.find()) {
            String link = unescape(href.group(1) != null ? href.group(1) : href.group(2))
                    .trim();
            if (link.regionMatches(true, 0, "http://", 0, 7) || link.regionMatches(true, 0, "https://", 0, 8)) {
                links.add(link);
            }
        }
        Matcher url = URL.matcher(text);
        while (url.find()) {
            links.add(url.group().replaceAll("[.,;:!?]+$", ""));
        }
        return new ArrayList<>(links);
    }

    /**
     * The first link that contains {@code fragment}, such as {@code "/login/"}.
     *
     * @throws MailboxException naming the links the message has, if none contains it
     */
    public String link(String fragment) {
        List<String> links = links();
        return links.stream()
                .filter(link -> link.contains(fragment))
                .findFirst()
                .orElseThrow(() -> new MailboxException("No link containing '" + fragment + "' in " + this + "; its "
                        + (links.isEmpty() ? "bodies have no http(s) links" : "links are " + links)));
    }

    /** The message as received, in RFC 822 form. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The bodies' text, for matching: the plain text and the HTML. */
    String bodies() {
        return text + "\n" + html;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
    }

    /** One line for lists of messages: {@code from a@x.test to [b@y.test] "Subject"}. */
    @Override
    public String toString() {
        return "from " + (from.isEmpty() ? "(no sender)" : from) + " to " + recipients() + " \"" + subject + "\"";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MailMessage message && Arrays.equals(raw, message.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }
}
