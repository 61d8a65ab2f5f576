package io.github.stagingtarget.config;

import java.util.regex.Pattern;

/**
 * Decides which configuration values are secret, so that they never reach a log, an exception message or
 * a report. A key counts as secret when any of its segments names a password, passphrase, secret, token,
 * API key, private key or credential (so everything below {@code db.password { ... }} is secret too) —
 * except keys ending in {@code -env}, which only name the environment variable that holds the secret.
 */
public final class Secrets {

    public static final String MASK = "******";

    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(password|passphrase|passwd|secret|token|api-?key|private-key|credential).*");

    private Secrets() {}

    public static boolean isSecretKey(String key) {
        return !key.endsWith("-env") && SECRET_KEY.matcher(key).matches();
    }
}
