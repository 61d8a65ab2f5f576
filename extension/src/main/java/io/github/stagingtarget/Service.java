package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.apiguardian.api.API;

/**
 * Picks one of the target's named services for an injected parameter: a REST Assured
 * {@code RequestSpecification} preset with the service's base URI, or the service's {@link Target} (the same
 * as {@code target.service("api")}). Without it, a parameter gets the target's {@code base-url}, the default
 * service.
 *
 * <pre>{@code
 * // staging-target.conf: services { api { base-url = "https://api.staging.example.com/" } }
 * @Test
 * void listsComeFromTheApi(@Service("api") RequestSpecification api, @Service("api") Target apiTarget) {
 *     api.get(apiTarget.path("lists")).then().statusCode(200);
 * }
 * }</pre>
 *
 * An unknown name fails the parameter's resolution with the target's service names; on a parameter of
 * another type (a {@code WebDriver}, a {@code ServerConsole}) it is refused rather than ignored. See
 * docs/configuration.md.
 *
 * @since 0.2
 */
@java.lang.annotation.Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = EXPERIMENTAL, since = "0.2")
public @interface Service {

    /** The service's name, as under {@code services} in the target's configuration. */
    String value();
}
