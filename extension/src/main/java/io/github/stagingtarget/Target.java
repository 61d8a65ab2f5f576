package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.STABLE;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The server the tests run against: its name, base URI and named paths, as resolved from configuration.
 *
 * <p>Inject it into a test, constructor or lifecycle method of a {@link StagingTarget} class. Build URLs
 * from named paths rather than string concatenation, so that the same test works on every target:
 *
 * <pre>{@code
 * // staging-target.conf:  paths { list = "/lists/{id}/" }
 * URI list = target.url("list", Map.of("id", 7));   // http://127.0.0.1:41234/lists/7/
 * URI same = target.url("list", 7);                  // positional, in the order of the placeholders
 * api.get(target.path("list"), 7);                   // REST Assured fills "/lists/{id}/" itself
 * }</pre>
 *
 * <p>Placeholder values are percent-encoded, so a value can never change the structure of the URL.
 * Instances are immutable and thread-safe.
 */
@API(status = STABLE, since = "0.1")
public interface Target {

    /** The target's name as configured, e.g. {@code local} or {@code staging}. */
    String name();

    /** The base URI every path is resolved against; it always ends with {@code /}. */
    URI baseUri();

    /**
     * Whether this target runs on the developer's machine (configuration key {@code local}); a remote
     * target is reached over the network, and its server's commands run over SSH.
     */
    boolean isLocal();

    /** The names of the configured paths. */
    Set<String> pathNames();

    /**
     * The named path's template as configured, e.g. {@code /lists/{id}/}. REST Assured fills such
     * placeholders itself and encodes the values, so with an injected {@code RequestSpecification} write
     * {@code api.get(target.path("list"), 7)}; passing a {@link #url} to REST Assured would encode twice.
     *
     * @throws IllegalArgumentException if the path is unknown
     */
    String path(String pathName);

    /**
     * The absolute URL of a named path with its placeholders filled in by name.
     *
     * @throws IllegalArgumentException if the path is unknown, a placeholder has no value, or a value is
     *     given for a placeholder the path does not have
     */
    URI url(String pathName, Map<String, ?> parameters);

    /**
     * The absolute URL of a named path with its placeholders filled in by position.
     *
     * @throws IllegalArgumentException if the path is unknown or the number of values does not match
     */
    URI url(String pathName, Object... parameters);
}
