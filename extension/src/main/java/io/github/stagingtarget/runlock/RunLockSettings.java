package io.github.stagingtarget.runlock;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A target's {@code run-lock} block.
 *
 * <pre>{@code
 * // run-lock { mode = fixtures, wait = 5m, directory = "/var/lock/todo" }
 * new RunLockSettings(Mode.FIXTURES, Duration.ofMinutes(5), "/var/lock/todo", "staging-target.targets.staging.run-lock",
 *         "staging-target.conf:31");
 * }</pre>
 *
 * @param directory where the lock file lives on the server, as the console's shell sees it; a relative path
 *     is relative to the directory the shell starts in (an SSH account's home directory)
 * @param keyPrefix the block's full key, for messages
 * @param origin where the block (or its mode) was configured, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record RunLockSettings(Mode mode, Duration waitTime, String directory, String keyPrefix, String origin) {

    /** The lock file, in {@link #directory}. */
    public static final String LOCK_FILE = "staging-target-run.lock";

    /** Who holds the lock, one line written by the holder next to the lock file. */
    public static final String HOLDER_FILE = "staging-target-run.holder";

    /** When a run takes the lock. */
    @API(status = INTERNAL, since = "0.1")
    public enum Mode {
        /** Never. */
        OFF,
        /** Before the run's first reset or seed; read-only runs take no lock. The default. */
        FIXTURES,
        /** Before the run's first test class, whatever it does. */
        ALWAYS
    }

    public String key(String name) {
        return keyPrefix + "." + name;
    }

    /** The lock file's path as the server's shell sees it. */
    public String lockFile() {
        return file(LOCK_FILE);
    }

    public String holderFile() {
        return file(HOLDER_FILE);
    }

    private String file(String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }
}
