package io.github.stagingtarget.report.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A request or response body as recorded: at most the first {@code limit} bytes (a copy of only those), its
 * full size and content type. Whether it is text is decided when it is written, not when it is recorded.
 *
 * @param contentType the {@code Content-Type} header's value, {@code ""} when there is none
 * @param size the full body's size in bytes
 * @param head the first bytes, at most the configured limit
 * @param description what stands for the body when its bytes are unknown ({@code multipart: file (report.pdf)}),
 *     else empty
 */
@API(status = INTERNAL, since = "0.1")
public record Body(String contentType, long size, byte[] head, Optional<String> description) {

    public static final Body NONE = new Body("", 0, new byte[0], Optional.empty());

    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    /** The first {@code limit} bytes of {@code bytes}; the array itself is not kept. */
    public static Body of(String contentType, byte[] bytes, int limit) {
        if (bytes == null || bytes.length == 0) {
            return new Body(orEmpty(contentType), 0, new byte[0], Optional.empty());
        }
        return new Body(
                orEmpty(contentType),
                bytes.length,
                Arrays.copyOf(bytes, Math.min(bytes.length, limit)),
                Optional.empty());
    }

    /** A body given as text: encodes only what is kept (the first {@code limit} characters at most). */
    public static Body of(String contentType, String text, int limit) {
        if (text == null || text.isEmpty()) {
            return new Body(orEmpty(contentType), 0, new byte[0], Optional.empty());
        }
        Charset charset = charset(contentType);
        String kept = text.length() > limit ? text.substring(0, limit) : text;
        byte[] bytes = kept.getBytes(charset);
        long size = kept.length() == text.length() ? bytes.length : estimatedSize(text, charset);
        return new Body(
                orEmpty(contentType), size, Arrays.copyOf(bytes, Math.min(bytes.length, limit)), Optional.empty());
    }

    /** A body whose bytes are not at hand, only described (multipart uploads, streams). */
    public static Body described(String contentType, String description) {
        return new Body(orEmpty(contentType), -1, new byte[0], Optional.of(description));
    }

    public boolean isEmpty() {
        return size == 0 && description.isEmpty();
    }

    public boolean truncated() {
        return size > head.length;
    }

    /**
     * Whether the body is shown as text: a textual content type ({@code text/*}, JSON, XML, form data,
     * JavaScript), or no content type and bytes that decode as UTF-8 without control characters.
     */
    public boolean isText() {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript")
                || type.contains("x-www-form-urlencoded")
                || type.contains("graphql")
                || type.contains("yaml")) {
            return true;
        }
        if (!type.isBlank()) {
            return false;
        }
        String decoded = new String(head, StandardCharsets.UTF_8);
        return decoded.chars().noneMatch(c -> c == 0xFFFD || c < 0x20 && c != '\n' && c != '\r' && c != '\t');
    }

    /** The kept bytes as text, in the content type's charset (UTF-8 by default); a cut character is dropped. */
    public String text() {
        String decoded = new String(head, charset(contentType));
        return truncated() && decoded.endsWith("\uFFFD") ? decoded.substring(0, decoded.length() - 1) : decoded;
    }

    /** {@code binary, image/png, 2,345 bytes} — what a binary body is shown as. */
    public String summary() {
        String type = contentType.isBlank() ? "no content type" : contentType;
        return "binary, " + type + ", " + String.format(Locale.ROOT, "%,d", size) + " bytes";
    }

    static Charset charset(String contentType) {
        if (contentType != null) {
            Matcher matcher = CHARSET.matcher(contentType);
            if (matcher.find()) {
                try {
                    return Charset.forName(matcher.group(1));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** UTF-8 length without encoding; one byte per character for other charsets. */
    private static long estimatedSize(String text, Charset charset) {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return text.length();
        }
        long size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c)) {
                size += 4;
                i++;
            } else {
                size += 3;
            }
        }
        return size;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Body body
                && size == body.size
                && contentType.equals(body.contentType)
                && Arrays.equals(head, body.head)
                && description.equals(body.description);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(head) + contentType.hashCode();
    }

    @Override
    public String toString() {
        return "Body[" + contentType + ", " + size + " bytes]";
    }
}
