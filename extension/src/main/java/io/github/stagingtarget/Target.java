package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
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

    /**
     * The id of this test run: eight lower-case letters and digits, random, the same for every class, target
     * and thread of one JVM. Written into the data a run creates, it tells whose data that is.
     *
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    String runId();

    /**
     * A name no other run has made: {@code prefix-<run id>-<n>}, where {@code n} counts from 1 per run
     * (thread-safe). The way to write on a shared staging server without resets: a test that creates its
     * data under such names finds only its own, whatever other runs or classes write beside it.
     *
     * <pre>{@code
     * String owner = target.unique("alice") + "@example.com";   // alice-k3x9q2mz-1@example.com
     * String item = target.unique("milk");                       // milk-k3x9q2mz-2
     * }</pre>
     *
     * @param prefix what the name is for, such as {@code list}; kept as given
     * @throws IllegalArgumentException if the prefix is null or blank
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    String unique(String prefix);

    /**
     * The target's own values ({@code values { admin-email = "…" }}), with typed getters: test users, an
     * admin e-mail, a tenant id — whatever differs per environment.
     *
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    TargetValues values();

    /**
     * The names of the target's named services ({@code services { api { … }, admin { … } }}), sorted; empty
     * when it has only its {@code base-url}, the default service.
     *
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    Set<String> serviceNames();

    /**
     * One of the target's named services — an API, an admin front end — deployed on its own base URL, with
     * its own named paths: the same helpers as the target's, against the service.
     *
     * <pre>{@code
     * // services { api { base-url = "https://api.staging.example.com/v2/", paths { list = "/lists/{id}" } } }
     * Target api = target.service("api");
     * URI list = api.url("list", 7);          // https://api.staging.example.com/v2/lists/7
     * }</pre>
     *
     * The result has the target's name, locality, values and run id; its {@code baseUri()} and paths are the
     * service's. A parameter gets a service's {@code Target} or REST Assured {@code RequestSpecification}
     * with {@link Service @Service("api")}.
     *
     * @throws IllegalArgumentException if the target has no service of that name; the message lists those it
     *     has
     * @since 0.2
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    Target service(String serviceName);
}
