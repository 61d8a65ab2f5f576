package io.github.stagingtarget.internal;

import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * JUnit resource locks for the target's database, applied through {@code @StagingTarget}: a class that
 * resets or seeds (on itself or any of its methods) takes {@value #DATABASE} exclusively; every other class
 * shares it. So with parallel execution, no test reads data while another class wipes it.
 *
 * <p>One run has one target, so the key does not name it. Not API.
 */
public final class FixtureLocks implements ResourceLocksProvider {

    public static final String DATABASE = "io.github.stagingtarget.database";

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return Set.of(
                new Lock(DATABASE, changesData(testClass) ? ResourceAccessMode.READ_WRITE : ResourceAccessMode.READ));
    }

    @Override
    public Set<Lock> provideForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> testClass) {
        return provideForClass(testClass);
    }

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        // The class lock already covers its methods, exclusively if any method changes data.
        return Set.of();
    }

    static boolean changesData(Class<?> testClass) {
        return FixtureLifecycle.plan(testClass, "").isPresent()
                || !AnnotationSupport.findAnnotatedMethods(
                                testClass, ResetDatabase.class, HierarchyTraversalMode.TOP_DOWN)
                        .isEmpty()
                || !AnnotationSupport.findAnnotatedMethods(testClass, Seed.class, HierarchyTraversalMode.TOP_DOWN)
                        .isEmpty();
    }
}
