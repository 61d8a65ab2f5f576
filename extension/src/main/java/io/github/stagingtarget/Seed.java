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
 * Loads fixture files into the target's database with the configured {@code fixtures.seed} command, in the
 * given order: once before all tests when on a class, before the test when on a method. The files are
 * test class path resources; they are sent to a fresh temporary directory on the server, which replaces
 * {@code {file}} in the command and is removed afterwards.
 *
 * <pre>{@code
 * // staging-target.conf: fixtures { allowed = true, reset = "app db reset", seed = "app db seed {file}" }
 * @StagingTarget
 * @ResetDatabase
 * @Seed({"fixtures/users.json", "fixtures/lists.json"})
 * class SharingIT { ... }
 * }</pre>
 *
 * <p>Refused unless the target sets {@code fixtures.allowed = true}. See {@link ResetDatabase} and
 * {@code docs/console.md}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
// Fails where @StagingTarget, which runs fixtures, is missing, instead of doing nothing.
@ExtendWith(FixtureAnnotationCheck.class)
@API(status = STABLE, since = "0.1")
public @interface Seed {

    /** Class path resources, e.g. {@code fixtures/users.json}, loaded in this order. */
    String[] value();
}
