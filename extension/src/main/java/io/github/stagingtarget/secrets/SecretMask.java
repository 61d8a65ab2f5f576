package io.github.stagingtarget.secrets;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
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
