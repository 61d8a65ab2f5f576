package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The one rule for where configuration, seeds and other class-path resources are looked up. */
@API(status = INTERNAL, since = "0.1")
public final class ClassLoaders {

    private ClassLoaders() {}

    /**
     * The thread's context class loader, which sees the test class path under every launcher (Maven, Gradle,
     * IDEs); else the loader of {@code owner}.
     */
    public static ClassLoader contextOr(Class<?> owner) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : owner.getClassLoader();
    }
}
