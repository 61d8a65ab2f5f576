package io.github.stagingtarget.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The test class path without some libraries, to run a fixture as a suite without an optional dependency
 * would. Only JDK types should cross back from {@link #run}.
 */
public final class ClassPathWithout implements AutoCloseable {

    private final URLClassLoader loader;

    private ClassPathWithout(URLClassLoader loader) {
        this.loader = loader;
    }

    /** The class path without every entry whose path contains one of {@code fragments}. */
    public static ClassPathWithout entries(String... fragments) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Arrays.stream(fragments).noneMatch(entry::contains)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new ClassPathWithout(new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
    }

    public ClassLoader loader() {
        return loader;
    }

    /**
     * Calls the static {@code run(String)} of {@code runner} as loaded by this class path, with it as the
     * context class loader: JUnit finds its engines through the context class loader.
     */
    public Object run(Class<?> runner, String argument) throws ReflectiveOperationException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return loader.loadClass(runner.getName())
                    .getMethod("run", String.class)
                    .invoke(null, argument);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
