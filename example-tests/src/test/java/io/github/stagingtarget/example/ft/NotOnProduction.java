package io.github.stagingtarget.example.ft;

import io.github.stagingtarget.DisabledOnTarget;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Skips a test class or method on production, where the run is a read-only smoke test: whatever creates
 * lists, logs users in or resets the database runs on {@code local} and {@code staging} only.
 *
 * <p>The example's own name for the {@code @DisabledOnTarget} it would otherwise repeat on every class, with
 * one reason for all of them: the extension's annotations work as meta-annotations, as JUnit's own do.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.TYPE, ElementType.METHOD})
@DisabledOnTarget(value = "production", reason = "changes data; production runs only the read-only smoke tests")
@interface NotOnProduction {}
