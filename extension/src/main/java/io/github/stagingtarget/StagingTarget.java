package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.STABLE;

import io.github.stagingtarget.internal.FixtureLocks;
import io.github.stagingtarget.internal.StagingTargetExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the annotated test class against the selected target: the developer's machine ({@code local})
 * or a remote server such as {@code staging}.
 *
 * <p>The target is chosen, first hit wins, by the system property {@code target}
 * ({@code mvn verify -Dtarget=staging}), the environment variable {@code STAGING_TARGET}, the JUnit
 * configuration parameter {@code stagingtarget.target}, the key {@code staging-target.default-target},
 * else {@code local}. Its base URL, named paths and launch command come from {@code staging-target.conf}
 * on the test classpath (HOCON). The configuration is read and validated once per test run.
 *
 * <p>Test constructors, test methods and lifecycle methods may declare parameters of type {@link Target}
 * (the target's name, {@link Target#baseUri() base URI} and named paths),
 * {@code io.restassured.specification.RequestSpecification} (a fresh REST Assured spec preset with the base
 * URI), {@code org.openqa.selenium.WebDriver} or {@link Browser}
 * (a browser pointed at the target), {@link io.github.stagingtarget.console.ServerConsole} (commands on the
 * target's server, locally or over SSH) and {@link io.github.stagingtarget.session.Sessions}
 * (pre-authenticated users). {@link ResetDatabase} and {@link Seed} put the database in a known state.
 *
 * <pre>{@code
 * @StagingTarget
 * class ListsApiIT {
 *     @Test
 *     void createsAList(RequestSpecification api) {
 *         api.body("{}").contentType("application/json").post("/api/lists/").then().statusCode(201);
 *     }
 * }
 * }</pre>
 *
 * <p>The annotation is {@link Inherited} and may be used as a meta-annotation on a team's own composed
 * annotation; it also applies to {@code @Nested} classes of an annotated class.
 *
 * @see EnabledOnTarget
 * @see DisabledOnTarget
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(StagingTargetExtension.class)
// Classes that reset or seed the database take it exclusively; all others share it (parallel runs).
@ResourceLock(providers = FixtureLocks.class)
@API(status = STABLE, since = "0.1")
public @interface StagingTarget {}
