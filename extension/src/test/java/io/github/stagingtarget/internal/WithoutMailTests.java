package io.github.stagingtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.mail.Mailbox;
import io.github.stagingtarget.testsupport.ClassPathWithout;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.nio.file.Path;
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
        try (ClassPathWithout withoutMail = ClassPathWithout.entries("/angus-", "/jakarta.mail", "/greenmail")) {
            assertThatThrownBy(() -> withoutMail.loader().loadClass("jakarta.mail.Session"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> withoutMail.loader().loadClass("com.icegreen.greenmail.util.GreenMail"))
                    .isInstanceOf(ClassNotFoundException.class);
            Object outcome = withoutMail.run(Runner.class, config.toString());

            assertThat(outcome)
                    .isEqualTo("succeeded=1 failed=2 failures=[org.junit.jupiter.api.extension."
                            + "ParameterResolutionException: A Mailbox needs Jakarta Mail on the test class path: add "
                            + "the test dependency org.eclipse.angus:angus-mail (see docs/mail.md), "
                            + "org.opentest4j.AssertionFailedError: the test's own failure]");
        }
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
