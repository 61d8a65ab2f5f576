package io.github.stagingtarget.doctor;

import java.util.Optional;

/**
 * The outcome of one doctor check: OK, WARN (passed, but something needs attention soon or is unsafe) or
 * FAIL, what was seen, and for a failure or warning a hint how to fix it.
 */
record CheckResult(String name, boolean ok, boolean warning, String detail, Optional<String> hint) {

    static CheckResult ok(String name, String detail) {
        return new CheckResult(name, true, false, detail, Optional.empty());
    }

    static CheckResult warn(String name, String detail, String hint) {
        return new CheckResult(name, true, true, detail, Optional.ofNullable(hint));
    }

    static CheckResult fail(String name, String detail, String hint) {
        return new CheckResult(name, false, false, detail, Optional.ofNullable(hint));
    }

    String label() {
        return !ok ? "FAIL" : warning ? "WARN" : " OK ";
    }
}
