package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.STABLE;

import io.github.stagingtarget.internal.FixtureAnnotationCheck;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resets the target's database with the configured {@code fixtures.reset} command: once before all tests
 * when on a class, before the test when on a method. Combined with {@link Seed}, the reset and every seed
 * run in one round trip to the server, reset first.
 *
 * <pre>{@code
 * @StagingTarget
 * @ResetDatabase
 * @Seed("fixtures/users.json")
 * class ListsIT {
 *     @Test
 *     @ResetDatabase          // a clean slate for this test only
 *     void startsEmpty(ServerConsole console) { ... }
 * }
 * }</pre>
 *
 * <p>Destructive, so refused unless the target sets {@code fixtures.allowed = true}; the refusal fails the
 * class before anything runs. Classes that reset or seed a target take its database lock exclusively, so
 * they never run in parallel with other {@code @StagingTarget} classes. See {@code docs/console.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
// Fails where @StagingTarget, which runs fixtures, is missing, instead of doing nothing.
@ExtendWith(FixtureAnnotationCheck.class)
@API(status = STABLE, since = "0.1")
public @interface ResetDatabase {}
