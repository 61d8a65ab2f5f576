package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.StagingTargetTestKit.firstFailure;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Seen;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The injected target's own values and run-unique names, as a test class sees them. */
class TargetValuesInjectionTests {

    @RegisterExtension
    final Seen seen = Seen.open();

    @TempDir
    Path dir;

    private Path config() {
        return ConfigFiles.write(dir, """
                staging-target {
                  defaults.ready.enabled = false
                  defaults.values.page-size = 20
                  targets.staging {
                    base-url = "https://staging.example.com/"
                    values.admin-email = "ada@example.com"
                  }
                }
                """);
    }

    @Test
    void aTestReadsItsTargetsValuesAndAMissingOneFailsThatTestWithOneMessage() {
        EngineExecutionResults results = run(config(), "staging", seen.parameters(), ValuesTestCase.class);

        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertThat(seen.values()).containsExactly("ada@example.com", 20);
        Throwable failure = firstFailure(results.testEvents());
        assertThat(failure)
                .isInstanceOf(StagingTargetException.class)
                .hasMessageStartingWith("Target 'staging' has no value 'admin-phone'. Set "
                        + "staging-target.targets.staging.values.admin-phone (or "
                        + "staging-target.defaults.values.admin-phone for every target) in file ")
                .hasMessageEndingWith(". Values of target 'staging': admin-email, page-size.");
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class ValuesTestCase {

        @Test
        void reads(Target target, Seen seen) {
            seen.add(target.values().string("admin-email"));
            seen.add(target.values().integer("page-size"));
        }

        @Test
        void missing(Target target) {
            target.values().string("admin-phone");
        }
    }
}
