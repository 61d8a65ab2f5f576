package io.github.stagingtarget.mail.inbox;

import io.github.stagingtarget.run.RunId;
import java.util.regex.Pattern;

/** Run-unique addresses: {@code edith} becomes {@code edith+<run id>@<domain>}. */
final class RunAddresses {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private RunAddresses() {}

    /** This run's id, the one {@code Target.runId()} and {@code Target.unique(prefix)} use too. */
    static String runId() {
        return RunId.current().id();
    }

    static String address(String name, String domain) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("address(name) takes a name of letters, digits, '.', '_' or '-', "
                    + "such as \"edith\", but was " + (name == null ? "null" : "'" + name + "'"));
        }
        return name + "+" + runId() + "@" + domain;
    }
}
