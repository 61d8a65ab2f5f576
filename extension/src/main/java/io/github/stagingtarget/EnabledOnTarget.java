package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.STABLE;

import io.github.stagingtarget.internal.TargetCondition;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated class or method only on the named targets; elsewhere it is reported as skipped
 * with the reason.
 *
 * <pre>{@code
 * @Test
 * @EnabledOnTarget("local")
 * void resetsTheDatabaseBetweenTests() { ... }
 * }</pre>
 *
 * @see DisabledOnTarget
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(TargetCondition.class)
@API(status = STABLE, since = "0.1")
public @interface EnabledOnTarget {

    /** The names of the targets to run on. */
    String[] value();

    /** An optional reason shown in reports when the test is skipped. */
    String reason() default "";
}
