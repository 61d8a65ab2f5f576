package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A named path such as {@code /lists/{id}/} whose placeholders are filled with percent-encoded values,
 * so that a value like {@code a/b?c} stays one path segment.
 */
@API(status = INTERNAL, since = "0.1")
public final class PathTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

    private final String name;
    private final String template;
    private final String origin;
    private final List<String> placeholders;

    private PathTemplate(String name, String template, String origin, List<String> placeholders) {
        this.name = name;
        this.template = template;
        this.origin = origin;
        this.placeholders = placeholders;
    }

    /**
     * @param origin where the template was defined, for error messages
     * @throws TargetConfigException if a brace does not form a valid placeholder
     */
    static PathTemplate parse(String name, String template, String key, String origin) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            names.add(matcher.group(1));
            rest.append(template, last, matcher.start());
            last = matcher.end();
        }
        rest.append(template.substring(last));
        if (rest.indexOf("{") >= 0 || rest.indexOf("}") >= 0) {
            throw new TargetConfigException(origin + ": " + key
                    + ": expected a path whose placeholders look like {name} (letters, digits, _ . -), but was '"
                    + template + "'");
        }
        return new PathTemplate(name, template, origin, List.copyOf(names));
    }

    public String name() {
        return name;
    }

    public String template() {
        return template;
    }

    /** Fills placeholders by name; every placeholder needs a value and every value a placeholder. */
    public String expand(Map<String, ?> values) {
        for (String given : values.keySet()) {
            if (!placeholders.contains(given)) {
                throw new IllegalArgumentException("Path '" + name + "' (" + template + ") has no placeholder {" + given
                        + "}; its placeholders are " + describePlaceholders() + ". Defined at " + origin);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String placeholder : placeholders) {
            if (values.get(placeholder) == null) {
                missing.add(placeholder);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Path '" + name + "' (" + template + ") needs a value for "
                    + (missing.size() == 1 ? "placeholder {" + missing.get(0) + "}" : "placeholders " + missing)
                    + ", but got values for " + values.keySet() + ". Defined at " + origin);
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    expanded, Matcher.quoteReplacement(encode(String.valueOf(values.get(matcher.group(1))))));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    /** Fills placeholders by position, in the order they first appear in the template. */
    public String expandPositional(Object... values) {
        if (values.length != placeholders.size()) {
            throw new IllegalArgumentException("Path '" + name + "' (" + template + ") takes "
                    + placeholders.size() + " value" + (placeholders.size() == 1 ? "" : "s") + " for "
                    + describePlaceholders() + ", but got " + values.length + ". Defined at " + origin);
        }
        Map<String, Object> byName = new java.util.HashMap<>();
        for (int i = 0; i < values.length; i++) {
            byName.put(placeholders.get(i), values[i]);
        }
        return expand(byName);
    }

    private String describePlaceholders() {
        return placeholders.isEmpty()
                ? "none"
                : String.join(
                        ", ", placeholders.stream().map(p -> "{" + p + "}").toList());
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    @Override
    public String toString() {
        return name + " = " + template;
    }
}
