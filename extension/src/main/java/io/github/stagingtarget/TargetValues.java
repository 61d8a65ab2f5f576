package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Values of your own that differ per target — test users, an admin e-mail, a tenant id — from the target's
 * {@code values} block (falling back to {@code staging-target.defaults.values}), read through
 * {@link Target#values()}:
 *
 * <pre>{@code
 * // staging-target.conf
 * staging-target.targets.staging.values {
 *   admin-email = "ada@example.com"
 *   admin-password = ${?STAGING_ADMIN_PASSWORD}
 *   page-size = 20
 * }
 *
 * String email = target.values().string("admin-email");
 * String password = target.values().string("admin-password");   // masked in every StagingTarget message
 * int pageSize = target.values().integer("page-size");
 * }</pre>
 *
 * <p>A key is a HOCON path: {@code string("admin.email")} reads {@code values { admin { email = "…" } }}. A
 * value that is not set (or written as {@code ${?VARIABLE}} whose variable is unset) is one
 * {@link StagingTargetException} naming the target, the key, the variable and the configuration file; a value
 * of the wrong type names its file and line and what was expected. Nothing becomes {@code ""} or
 * {@code false} silently. Values whose key or environment variable is secret-named ({@code admin-password},
 * {@code ${?API_TOKEN}}) are masked in every message, log, report and in the doctor. Immutable and
 * thread-safe. See docs/configuration.md.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public interface TargetValues {

    /** Every key that has a value, sorted; nested values as dotted paths ({@code admin.email}). */
    Set<String> keys();

    /** Whether the key has a value (a {@code ${?VARIABLE}} whose variable is unset has none). */
    boolean has(String key);

    /**
     * The value as text; numbers and booleans are given as written.
     *
     * @throws StagingTargetException if the key has no value, or holds a list or an object
     */
    String string(String key);

    /**
     * The value as text if it is set: for values only some environments have.
     *
     * @throws StagingTargetException if the key holds a list or an object
     */
    Optional<String> optionalString(String key);

    /**
     * The value as an {@code int}: {@code page-size = 20}.
     *
     * @throws StagingTargetException if the key has no value or it is not a whole number in range
     */
    int integer(String key);

    /**
     * The value as a boolean: {@code true}/{@code false} (also {@code yes}/{@code no}, {@code on}/{@code off}).
     *
     * @throws StagingTargetException if the key has no value or it is not a boolean
     */
    boolean bool(String key);

    /**
     * The value as a positive duration in HOCON's notation: {@code 500ms}, {@code 30s}, {@code 2m}.
     *
     * @throws StagingTargetException if the key has no value or it is not a positive duration
     */
    Duration duration(String key);

    /**
     * The value as a list of strings: {@code tenants = ["acme", "globex"]}.
     *
     * @throws StagingTargetException if the key has no value or it is not a list of plain values
     */
    List<String> list(String key);

    /**
     * The value as an absolute URI: {@code mail-api = "https://mail.staging.example.com/"}.
     *
     * @throws StagingTargetException if the key has no value or it is not an absolute URI
     */
    URI uri(String key);
}
