package io.github.stagingtarget.browser;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of reports, which end up in CI artifacts: credentials in URLs, values of parameters
 * whose names suggest a secret, and the values of password fields.
 */
final class Redactor {

    static final String MASK = "***";

    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"']+@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)\\b([a-z0-9_-]*(?:password|passwd|pwd|secret|token|api[_-]?key|auth|session|sid|jwt)[a-z0-9_-]*)"
                    + "=([^&#\\s\"'<>]+)");
    private static final Pattern PASSWORD_INPUT = Pattern.compile("(?i)(<input\\b[^>]*\\btype=[\"']?password[^>]*>)");
    private static final Pattern VALUE_ATTRIBUTE = Pattern.compile("(?i)(\\bvalue=)(\"[^\"]*\"|'[^']*'|[^\\s>]+)");

    private Redactor() {}

    static String url(String url) {
        return text(url);
    }

    /** For URLs and console lines. */
    static String text(String text) {
        String withoutUserInfo = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1=" + MASK);
    }

    /** For page source: also masks the value attribute of password inputs. */
    static String html(String html) {
        String masked = PASSWORD_INPUT
                .matcher(html)
                .replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                        VALUE_ATTRIBUTE.matcher(match.group(1)).replaceAll("$1\"" + MASK + "\"")));
        return text(masked);
    }
}
