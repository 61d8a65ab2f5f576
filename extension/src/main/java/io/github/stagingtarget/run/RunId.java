package io.github.stagingtarget.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The id of this test run, and the run-unique names built on it: {@code unique("list")} gives
 * {@code list-k3x9q2mz-1}, then {@code list-k3x9q2mz-2}, … Two runs writing to one shared staging server
 * (two CI pipelines, a developer's laptop) never create the same name, so tests that create their data need
 * no reset.
 *
 * <p>One id per JVM: every class, every target and every thread of a run share it, and the counter behind
 * {@link #unique} counts across all of them. Thread-safe.
 */
@API(status = INTERNAL, since = "0.2")
public final class RunId {

    static final int LENGTH = 8;
    /** Letters and digits, lower case: fits in e-mail addresses, host labels, file and database names. */
    static final Pattern FORMAT = Pattern.compile("[a-z0-9]{" + LENGTH + "}");

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final RunId CURRENT = new RunId(random(new SecureRandom()));

    private final String id;
    private final AtomicLong counter = new AtomicLong();

    RunId(String id) {
        if (!FORMAT.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "A run id is " + LENGTH + " lower-case letters or digits, not '" + id + "'");
        }
        this.id = id;
    }

    /** This JVM's run. */
    public static RunId current() {
        return CURRENT;
    }

    /**
     * Eight random letters and digits (36^8, about 2.8 * 10^12 ids): two runs sharing a server do not meet
     * by chance.
     */
    static String random(SecureRandom random) {
        StringBuilder id = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** The id, such as {@code k3x9q2mz}. */
    public String id() {
        return id;
    }

    /**
     * {@code prefix-<id>-<n>}, where {@code n} counts from 1 per run; no two calls of one run return the same
     * name, whichever thread calls.
     *
     * @throws IllegalArgumentException if the prefix is null or blank
     */
    public String unique(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("unique(prefix) needs a prefix that says what the name is for, "
                    + "such as \"list\" or \"alice\", but was " + (prefix == null ? "null" : "'" + prefix + "'"));
        }
        return prefix + "-" + id + "-" + counter.incrementAndGet();
    }

    @Override
    public String toString() {
        return "run " + id;
    }
}
