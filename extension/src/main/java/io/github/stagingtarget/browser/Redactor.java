package io.github.stagingtarget.browser;

import io.github.stagingtarget.secrets.SecretMask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of browser evidence, which ends up in CI artifacts. Text goes through the run's {@link
 * SecretMask} (the one masking policy); page source additionally loses the values of password fields,
 * which only HTML can tell apart.
 */
final class Redactor {

    private static final Pattern PASSWORD_INPUT = Pattern.compile("(?i)(<input\\b[^>]*\\btype=[\"']?password[^>]*>)");
    private static final Pattern VALUE_ATTRIBUTE = Pattern.compile("(?i)(\\bvalue=)(\"[^\"]*\"|'[^']*'|[^\\s>]+)");

    private Redactor() {}

    /** A URL shown where no run's secrets are known (e.g. a Grid address in an error). */
    static String url(String url) {
        return SecretMask.redact(url);
    }

    /** For URLs and console lines. */
    static String text(String text, SecretMask mask) {
        return mask.apply(text);
    }

    /** For page source: also masks the value attribute of password inputs. */
    static String html(String html, SecretMask mask) {
        String masked = PASSWORD_INPUT
                .matcher(html)
                .replaceAll(match -> Matcher.quoteReplacement(
                        VALUE_ATTRIBUTE.matcher(match.group(1)).replaceAll("$1\"" + SecretMask.MASK + "\"")));
        return mask.apply(masked);
    }
}
