package io.github.stagingtarget.config;

import java.util.regex.Pattern;

/**
 * Decides which configuration values are secret, so that they never reach a log, an exception message or
 * a report. A key counts as secret when any of its segments names a password, passphrase, secret or token
 * (so everything below {@code db.password { ... }} is secret too).
 */
public final class Secrets {

    public static final String MASK = "******";

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passphrase|secret|token).*");

    private Secrets() {}

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }
}
