package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class ClassLoadersTests {

    @Test
    void theThreadsContextLoaderElseTheOwnersOwn() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader context = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(context);
            assertThat(ClassLoaders.contextOr(ClassLoadersTests.class)).isSameAs(context);

            thread.setContextClassLoader(null);
            assertThat(ClassLoaders.contextOr(ClassLoadersTests.class))
                    .isSameAs(ClassLoadersTests.class.getClassLoader());
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
