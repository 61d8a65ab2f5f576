package io.github.stagingtarget.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * JUnit resource locks for the target's database, applied through {@code @StagingTarget}: a class with a
 * destructive plan (a reset or a seed, on itself or any of its test methods; see {@link FixtureAnnotations})
 * takes {@value #DATABASE} exclusively; every other class, one that only makes sessions included, shares it.
 * So with parallel execution, no test reads data while another class wipes it.
 *
 * <p>One run has one target, so the key does not name it. Not API.
 */
@API(status = INTERNAL, since = "0.1")
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
        return FixtureAnnotations.of(testClass).isDestructive();
    }
}
