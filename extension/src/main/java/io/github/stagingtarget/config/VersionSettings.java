package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Which build the tests expect the target to run: the deployed version is read from {@code path} and must
 * equal {@code expected} (or one must be an abbreviation of the other, for git commits).
 *
 * @param expectedOrigin where {@code expected} was defined, for the refusal message
 */
@API(status = INTERNAL, since = "0.1")
public record VersionSettings(Optional<String> path, Optional<String> expected, String expectedOrigin) {

    public boolean isChecked() {
        return expected.isPresent();
    }
}
