package io.github.stagingtarget.console;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of one run (passwords, passphrases, session keys) and a filter that replaces them with
 * {@value #MASK} in every message built from commands and their output. Thread-safe.
 *
 * <pre>{@code
 * SecretMask mask = new SecretMask();
 * mask.add(System.getenv("STAGING_SSH_PASSWORD"));
 * mask.apply("login with hunter2 failed");   // "login with **** failed"
 * }</pre>
 */
public final class SecretMask {

    public static final String MASK = "****";

    // Very short values would mask ordinary text ("0", "ok") and hide more than they protect.
    private static final int MIN_LENGTH = 4;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Remembers a secret; {@code null} and values shorter than four characters are ignored. */
    public void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.add(secret);
        }
    }

    /** The text with every known secret replaced by {@value #MASK}. */
    public String apply(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
