package io.github.stagingtarget.doctor;

import java.util.Optional;

/** The outcome of one doctor check: OK or FAIL, what was seen, and for a failure a hint how to fix it. */
record CheckResult(String name, boolean ok, String detail, Optional<String> hint) {

    static CheckResult ok(String name, String detail) {
        return new CheckResult(name, true, detail, Optional.empty());
    }

    static CheckResult fail(String name, String detail, String hint) {
        return new CheckResult(name, false, detail, Optional.ofNullable(hint));
    }
}
