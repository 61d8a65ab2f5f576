package io.github.stagingtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.ClassPathWithout;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.nio.file.Path;
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
        try (ClassPathWithout withoutSelenium = ClassPathWithout.entries("/selenium-")) {
            assertThatThrownBy(() -> withoutSelenium.loader().loadClass("org.openqa.selenium.WebDriver"))
                    .isInstanceOf(ClassNotFoundException.class);
            Object outcome = withoutSelenium.run(Runner.class, config.toString());

            assertThat(outcome)
                    .isEqualTo("succeeded=2 failed=1 failure=org.opentest4j.AssertionFailedError: "
                            + "the test's own failure");
        }
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
