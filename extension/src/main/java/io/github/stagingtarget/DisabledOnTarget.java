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
 * Skips the annotated class or method on the named targets, with the reason shown in reports.
 *
 * <pre>{@code
 * @Test
 * @DisabledOnTarget(value = {"staging", "production"}, reason = "sends real e-mail")
 * void sendsTheWelcomeMail() { ... }
 * }</pre>
 *
 * @see EnabledOnTarget
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(TargetCondition.class)
@API(status = STABLE, since = "0.1")
public @interface DisabledOnTarget {

    /** The names of the targets to skip. */
    String[] value();

    /** An optional reason shown in reports when the test is skipped. */
    String reason() default "";
}
