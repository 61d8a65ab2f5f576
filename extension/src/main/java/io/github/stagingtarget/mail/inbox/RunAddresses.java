package io.github.stagingtarget.mail.inbox;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Run-unique addresses: {@code edith} becomes {@code edith+<run id>@<domain>}. */
final class RunAddresses {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String RUN_ID = random();

    private RunAddresses() {}

    /**
     * This run's id: eight lower-case letters and digits, one per JVM. The one place the mailbox gets it; to be
     * re-pointed to the run's shared id ({@code Target.runId()}) when that exists.
     */
    static String runId() {
        return RUN_ID;
    }

    static String address(String name, String domain) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("address(name) takes a name of letters, digits, '.', '_' or '-', "
                    + "such as \"edith\", but was " + (name == null ? "null" : "'" + name + "'"));
        }
        return name + "+" + runId() + "@" + domain;
    }

    private static String random() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
