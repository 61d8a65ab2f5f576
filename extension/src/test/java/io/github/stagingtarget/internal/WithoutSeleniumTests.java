package io.github.stagingtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Selenium is optional: a suite without it must run, fail and report exactly as before. */
class WithoutSeleniumTests {

    @TempDir
    Path dir;

    @Test
    void testsThatUseNoBrowserRunWithoutSeleniumOnTheClassPath() throws Exception {
        Path config = ConfigFiles.write(
                dir, "staging-target.targets.local { base-url = \"http://127.0.0.1:9/\", ready.enabled = false }");
        try (URLClassLoader withoutSelenium =
                new URLClassLoader(classPathWithout("/selenium-"), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutSelenium.loadClass("org.openqa.selenium.WebDriver"))
                    .isInstanceOf(ClassNotFoundException.class);
            // JUnit finds its engines through the context class loader.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            Object outcome;
            thread.setContextClassLoader(withoutSelenium);
            try {
                outcome = withoutSelenium
                        .loadClass(Runner.class.getName())
                        .getMethod("run", String.class)
                        .invoke(null, config.toString());
            } finally {
                thread.setContextClassLoader(previous);
            }

            assertThat(outcome)
                    .isEqualTo("succeeded=2 failed=1 failure=org.opentest4j.AssertionFailedError: "
                            + "the test's own failure");
        }
    }

    private static URL[] classPathWithout(String fragment) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains(fragment)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Loaded in the class loader without Selenium, so only JDK types cross back. */
    public static final class Runner {

        private Runner() {}

        public static String run(String config) {
            EngineExecutionResults results =
                    StagingTargetTestKit.run(Path.of(config), "local", NoBrowserTestCase.class);
            Throwable failure = StagingTargetTestKit.firstFailure(results.testEvents());
            return "succeeded=" + results.testEvents().succeeded().count()
                    + " failed=" + results.testEvents().failed().count()
                    + " failure=" + failure;
        }
    }

    @StagingTarget
    static class NoBrowserTestCase {

        @Test
        void target(Target target) {
            assertThat(target.name()).isEqualTo("local");
        }

        @Test
        void baseUri(Target target) {
            assertThat(target.baseUri()).hasPort(9);
        }

        @Test
        void failing() {
            fail("the test's own failure");
        }
    }
}
