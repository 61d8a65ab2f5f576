package io.github.stagingtarget.config;

import java.util.Optional;

/**
 * Which build the tests expect the target to run: the deployed version is read from {@code path} and must
 * equal {@code expected} (or one must be an abbreviation of the other, for git commits).
 *
 * @param expectedOrigin where {@code expected} was defined, for the refusal message
 */
public record VersionSpec(Optional<String> path, Optional<String> expected, String expectedOrigin) {

    public boolean isChecked() {
        return expected.isPresent();
    }
}
