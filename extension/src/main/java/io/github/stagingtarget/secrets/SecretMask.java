package io.github.stagingtarget.secrets;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * StagingTarget's one masking policy, used by every message, log line, report file and the doctor. Masked
 * as {@value #MASK}:
 *
 * <ul>
 *   <li>the values of this run's secrets ({@link #add}): values of secret-named configuration keys and of
 *       secret-named environment variables the configuration pulls in ({@code ${?DB_PASSWORD}}), SSH
 *       passwords and passphrases, session keys;
 *   <li>the user-info of URLs ({@code https://user:pass@host/} becomes {@code https://****@host/});
 *   <li>values assigned to secret names in text: {@code PGPASSWORD=x}, {@code ?token=x}, {@code --password x},
 *       {@code "api_key": "x"}.
 * </ul>
 *
 * A name is secret ({@link #isSecretName}) when one of its words is {@code password}, {@code passwd},
 * {@code pass}, {@code pwd}, {@code pw}, {@code passphrase}, {@code secret}, {@code token}, {@code credential},
 * {@code jwt}, {@code auth} or {@code authorization}, when it contains one of the first group as part of a
 * word ({@code PGPASSWORD}), or when it ends in a qualified key ({@code API_KEY}, {@code JWT_PRIVATE_KEY},
 * {@code signing-key}); the shell's {@code PWD} is not. Words are separated by {@code -}, {@code _}, {@code .} or a lower-to-upper case change.
 *
 * <pre>{@code
 * SecretMask mask = new SecretMask();
 * mask.add(System.getenv("STAGING_SSH_PASSWORD"));
 * mask.apply("login with hunter2 failed");   // "login with **** failed"
 * SecretMask.redact("https://bob:pw@host/?token=abc");   // "https://****@host/?token=****"
 * }</pre>
 *
 * HTTP headers ({@link #applyToHeader}): the values of {@code Authorization} and {@code Proxy-Authorization}
 * (the scheme stays readable), of every cookie in {@code Cookie} and {@code Set-Cookie} (names and attributes
 * stay), of headers with a secret name ({@code X-Auth-Token}, {@code X-Api-Key}) and of the headers a caller
 * names as secret (configured ones).
 *
 * <p>Thread-safe. Not API: it will move to an internal package.
 */
@API(status = INTERNAL, since = "0.1")
public final class SecretMask {

    public static final String MASK = "****";

    // Very short values would mask ordinary text ("0", "ok") and hide more than they protect.
    private static final int MIN_LENGTH = 4;

    private static final Set<String> SECRET_WORDS = Set.of(
            "password",
            "passwords",
            "passwd",
            "pass",
            "pwd",
            "pw",
            "passphrase",
            "secret",
            "secrets",
            "token",
            "tokens",
            "credential",
            "credentials",
            "jwt",
            "auth",
            "authorization",
            "apikey",
            "privatekey");
    /** Found inside a word too: PGPASSWORD, MYSQL_ROOTPASSWORD, GITHUBTOKEN. */
    private static final List<String> SECRET_PARTS =
            List.of("password", "passwd", "passphrase", "secret", "token", "credential", "apikey", "privatekey");
    /** A name ending in {@code <one of these> key} is secret: API_KEY, private-key, SIGNING_KEY. */
    private static final Set<String> KEY_QUALIFIERS = Set.of(
            "api",
            "private",
            "secret",
            "signing",
            "encryption",
            "master",
            "ssh",
            "session",
            "license",
            "access",
            "client",
            "app",
            "hmac");
    /** Parameter names whose values are session ids, masked in URLs and assignments only. */
    private static final Set<String> SESSION_PARAMETERS =
            Set.of("session", "sessionid", "sid", "jsessionid", "phpsessid");

    private static final Pattern WORD_BOUNDARY = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"'<>]+@");
    private static final Pattern ASSIGNMENT =
            Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*)=(\"[^\"]*\"|'[^']*'|[^\\s&#\"'<>;,)]+)");
    private static final Pattern OPTION = Pattern.compile(
            "(?<![A-Za-z0-9_-])(--?[A-Za-z][A-Za-z0-9_-]*)(=|[ \\t]+)(\"[^\"]*\"|'[^']*'|[^\\s\"'<>;,)-][^\\s\"'<>;,)]*)");
    /** The shell's own variables that merely look secret. */
    private static final Set<String> NOT_SECRET = Set.of("PWD", "OLDPWD");

    private static final Pattern JSON_MEMBER = Pattern.compile("(\"([A-Za-z0-9_.-]+)\"\\s*:\\s*)\"[^\"]*\"");

    /** Headers that carry credentials whatever their value looks like; compared in lower case. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization");

    private static final Pattern AUTH_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)(\\s+)(\\S.*)", Pattern.DOTALL);

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Remembers a secret; {@code null} and values shorter than four characters are ignored. */
    public void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.add(secret);
        }
    }

    /**
     * Remembers the secrets written inside configured values, so that they stay masked where they show up
     * alone (in a command's output, say): the password of a URL's user-info, values assigned to secret names
     * ({@code PGPASSWORD=x}, {@code --password=x}), and in an argument list the element after a secret
     * option ({@code ["--password", "x"]}).
     */
    public void addSecretsIn(List<String> values) {
        boolean nextIsSecret = false;
        for (String value : values) {
            if (nextIsSecret) {
                add(value);
            }
            nextIsSecret = value.startsWith("-") && !value.contains("=") && isSecretName(value);
            Matcher userInfo = USER_INFO.matcher(value);
            while (userInfo.find()) {
                String info = userInfo.group()
                        .substring(userInfo.group(1).length(), userInfo.group().length() - 1);
                add(info.contains(":") ? info.substring(info.indexOf(':') + 1) : info);
            }
            Matcher assignment = ASSIGNMENT.matcher(value);
            while (assignment.find()) {
                if (isSecretParameter(assignment.group(1))) {
                    add(unquote(assignment.group(2)));
                }
            }
            Matcher option = OPTION.matcher(value);
            while (option.find()) {
                if (isSecretName(option.group(1))) {
                    add(unquote(option.group(3)));
                }
            }
        }
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * A new mask that knows this one's secrets and {@code more} (values shorter than four characters are
     * ignored); this one is unchanged. For secrets that matter to one report only, such as the cookies seen in
     * a test's HTTP exchanges.
     */
    public SecretMask with(Collection<String> more) {
        SecretMask copy = new SecretMask();
        copy.secrets.addAll(secrets);
        more.forEach(copy::add);
        return copy;
    }

    /**
     * Whether an HTTP header's value is a secret: {@code Authorization}, {@code Proxy-Authorization}, a secret
     * name ({@link #isSecretName}: {@code X-Auth-Token}, {@code X-Api-Key}), or one of {@code configured}
     * (compared ignoring case). {@code Cookie} and {@code Set-Cookie} are masked cookie by cookie instead.
     */
    public static boolean isSecretHeader(String name, Set<String> configured) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CREDENTIAL_HEADERS.contains(lower)
                || isSecretName(name)
                || configured.stream().anyMatch(name::equalsIgnoreCase);
    }

    /**
     * An HTTP header's value as it may be shown: a secret header's value becomes {@value #MASK} (an
     * authentication scheme stays: {@code Bearer ****}); {@code Cookie: a=1; b=2} becomes {@code a=****;
     * b=****}; {@code Set-Cookie: id=1; Path=/; HttpOnly} becomes {@code id=****; Path=/; HttpOnly}; any other
     * value passes {@link #apply}.
     *
     * @param configured further header names whose values are secret (the target's configured headers)
     */
    public String applyToHeader(String name, String value, Set<String> configured) {
        if (value == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("cookie")) {
            return maskCookies(value, false);
        }
        if (lower.equals("set-cookie")) {
            return maskCookies(value, true);
        }
        if (isSecretHeader(name, configured)) {
            Matcher scheme = AUTH_SCHEME.matcher(value.strip());
            return CREDENTIAL_HEADERS.contains(lower) && scheme.matches() ? scheme.group(1) + " " + MASK : MASK;
        }
        return apply(value);
    }

    /**
     * The secrets an HTTP header carries, to be masked wherever else they appear (a token echoed in a body):
     * the values {@link #applyToHeader} hides, and the password inside {@code Basic} credentials.
     */
    public static List<String> secretsInHeader(String name, String value, Set<String> configured) {
        List<String> found = new ArrayList<>();
        if (value == null) {
            return found;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("cookie") || lower.equals("set-cookie")) {
            String[] pairs = value.split(";");
            for (int i = 0; i < pairs.length && (i == 0 || lower.equals("cookie")); i++) {
                int equals = pairs[i].indexOf('=');
                if (equals >= 0) {
                    found.add(pairs[i].substring(equals + 1).strip());
                }
            }
        } else if (isSecretHeader(name, configured)) {
            Matcher scheme = AUTH_SCHEME.matcher(value.strip());
            if (!CREDENTIAL_HEADERS.contains(lower) || !scheme.matches()) {
                found.add(value.strip());
            } else {
                // The credentials alone: an echoed "Bearer x" then still shows its scheme, like the header.
                found.add(scheme.group(3));
                if (scheme.group(1).equalsIgnoreCase("basic")) {
                    try {
                        String decoded = new String(
                                Base64.getDecoder().decode(scheme.group(3).strip()), StandardCharsets.UTF_8);
                        found.add(decoded.contains(":") ? decoded.substring(decoded.indexOf(':') + 1) : decoded);
                    } catch (IllegalArgumentException notBase64) {
                        // Not Basic credentials after all: the value itself is masked already.
                    }
                }
            }
        }
        return found;
    }

    /** Keeps cookie names (and a Set-Cookie's attributes), hides values. */
    private static String maskCookies(String value, boolean setCookie) {
        String[] pairs = value.split(";", -1);
        StringBuilder masked = new StringBuilder();
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (i > 0) {
                masked.append(';');
            }
            int equals = pair.indexOf('=');
            if ((i == 0 || !setCookie) && equals >= 0) {
                masked.append(pair, 0, equals + 1).append(MASK);
            } else {
                masked.append(redact(pair));
            }
        }
        return masked.toString();
    }

    /** The text with every known secret, URL user-info and secret assignment replaced by {@value #MASK}. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        // Longest first: a secret that contains another must not be left half visible.
        List<String> known = new ArrayList<>(secrets);
        known.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : known) {
            masked = masked.replace(secret, MASK);
        }
        return redact(masked);
    }

    /** Like {@link #apply}, for a command's argument list: {@code ["--password", "x"]} hides {@code x}. */
    public List<String> applyToArguments(List<String> arguments) {
        List<String> masked = new ArrayList<>();
        boolean hideNext = false;
        for (String argument : arguments) {
            if (hideNext) {
                masked.add(MASK);
                hideNext = false;
                continue;
            }
            masked.add(apply(argument));
            hideNext = argument.startsWith("-") && !argument.contains("=") && isSecretName(argument);
        }
        return masked;
    }

    /**
     * The patterns of the policy alone, for text built where no run's secrets are known: URL user-info and
     * values assigned to secret names.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        masked = replace(ASSIGNMENT, masked, m -> isSecretParameter(m.group(1)) ? m.group(1) + "=" + MASK : null);
        masked = replace(OPTION, masked, m -> isSecretName(m.group(1)) ? m.group(1) + m.group(2) + MASK : null);
        return replace(JSON_MEMBER, masked, m -> isSecretName(m.group(2)) ? m.group(1) + "\"" + MASK + "\"" : null);
    }

    /** Whether a name (an environment variable, a key, a parameter) says that its value is a secret. */
    public static boolean isSecretName(String name) {
        if (name == null || name.isBlank() || NOT_SECRET.contains(name.strip())) {
            return false;
        }
        String[] words = WORD_BOUNDARY.split(name.strip());
        List<String> lower = new ArrayList<>();
        for (String word : words) {
            if (!word.isEmpty()) {
                lower.add(word.toLowerCase(Locale.ROOT));
            }
        }
        for (String word : lower) {
            if (SECRET_WORDS.contains(word) || SECRET_PARTS.stream().anyMatch(word::contains)) {
                return true;
            }
        }
        int last = lower.size() - 1;
        return last >= 1
                && (lower.get(last).equals("key") || lower.get(last).equals("keys"))
                && KEY_QUALIFIERS.contains(lower.get(last - 1));
    }

    /**
     * Whether a configuration key (a path such as {@code launch.env.DB_PASSWORD}) holds a secret: one of its
     * segments is a secret name. Keys ending in {@code -env} only name the variable that holds the secret.
     */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String[] segments = key.split("\\.");
        if (segments[segments.length - 1].replace("\"", "").endsWith("-env")) {
            return false;
        }
        for (String segment : segments) {
            if (isSecretName(segment.replace("\"", ""))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a configured value is a secret as a whole, to be shown as {@value #MASK} whatever its length:
     * its key is secret ({@link #isSecretKey}), or it is the value of a secret-named variable or key
     * ({@code admin = ${?ADMIN_PASSWORD}}). A value that merely contains a secret
     * ({@code "PGPASSWORD="${?PW}" psql"}) is shown with {@link #apply}, which hides the secret's part.
     *
     * @param key the full key, such as {@code staging-target.targets.staging.values.admin-password}
     * @param substitutedNames the names whose value is the whole value ({@code ${?NAME}})
     */
    public static boolean isSecretSetting(String key, java.util.Collection<String> substitutedNames) {
        if (isSecretKey(key)) {
            return true;
        }
        for (String name : substitutedNames) {
            if (isSecretKey(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSecretParameter(String name) {
        String last = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        return isSecretName(last) || SESSION_PARAMETERS.contains(last.toLowerCase(Locale.ROOT));
    }

    private interface Replacement {
        /** The replacement text, or null to keep the match. */
        String of(Matcher match);
    }

    /**
     * Replaces matches; a match that is kept is skipped by one character only, so that a harmless
     * {@code href="/reset?session=x"} does not hide the {@code session=x} inside it.
     */
    private static String replace(Pattern pattern, String text, Replacement replacement) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            String replaced = replacement.of(matcher);
            if (replaced == null) {
                from = matcher.start() + 1;
                continue;
            }
            out.append(text, copied, matcher.start()).append(replaced);
            copied = matcher.end();
            from = matcher.end();
        }
        return out.append(text, copied, text.length()).toString();
    }
}
