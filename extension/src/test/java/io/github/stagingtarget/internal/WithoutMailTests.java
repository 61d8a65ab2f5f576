package io.github.stagingtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.mail.Mailbox;
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

/**
 * Jakarta Mail and GreenMail are optional: a suite without them runs and reports as before, and a Mailbox
 * asked for without them fails with the dependency to add.
 */
class WithoutMailTests {

    @TempDir
    Path dir;

    @Test
    void testsRunWithoutJakartaMailAndAMailboxNamesTheMissingDependency() throws Exception {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:9/", ready.enabled = false
                  mail { enabled = true, maildir = "%s" }
                }
                """.formatted(dir));
        try (URLClassLoader withoutMail =
                new URLClassLoader(classPathWithoutMail(), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutMail.loadClass("jakarta.mail.Session"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> withoutMail.loadClass("com.icegreen.greenmail.util.GreenMail"))
                    .isInstanceOf(ClassNotFoundException.class);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            Object outcome;
            thread.setContextClassLoader(withoutMail);
            try {
                outcome = withoutMail
                        .loadClass(Runner.class.getName())
                        .getMethod("run", String.class)
                        .invoke(null, config.toString());
            } finally {
                thread.setContextClassLoader(previous);
            }

            assertThat(outcome)
                    .isEqualTo("succeeded=1 failed=2 failures=[org.junit.jupiter.api.extension."
                            + "ParameterResolutionException: A Mailbox needs Jakarta Mail on the test class path: add "
                            + "the test dependency org.eclipse.angus:angus-mail (see docs/mail.md), "
                            + "org.opentest4j.AssertionFailedError: the test's own failure]");
        }
    }

    private static URL[] classPathWithoutMail() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!(entry.contains("/angus-") || entry.contains("/jakarta.mail") || entry.contains("/greenmail"))) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Loaded in the class loader without mail libraries, so only JDK types cross back. */
    public static final class Runner {

        private Runner() {}

        public static String run(String config) {
            EngineExecutionResults results =
                    StagingTargetTestKit.run(Path.of(config), "local", NoMailLibrariesTestCase.class);
            List<String> failures = results.testEvents().failed().stream()
                    .map(event -> event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .getThrowable()
                            .map(Throwable::toString)
                            .orElseThrow())
                    .sorted()
                    .toList();
            return "succeeded=" + results.testEvents().succeeded().count()
                    + " failed=" + results.testEvents().failed().count()
                    + " failures=" + failures;
        }
    }

    @StagingTarget
    static class NoMailLibrariesTestCase {

        @Test
        void target(Target target) {
            assertThat(target.name()).isEqualTo("local");
        }

        @Test
        void mailbox(Mailbox mailbox) {
            fail("resolved without Jakarta Mail: " + mailbox);
        }

        @Test
        void failing() {
            fail("the test's own failure");
        }
    }
}
