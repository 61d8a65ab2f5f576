package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.StagingTargetTestKit.assertOneContainerFailed;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.config.PersonalConfig;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Seen;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A developer's personal file, named by the configuration parameter, overrides the project's file in a run. */
class PersonalConfigExtensionTests {

    @RegisterExtension
    final Seen seen = Seen.open();

    @TempDir
    Path dir;

    private Path project() {
        return ConfigFiles.write(dir, """
                staging-target {
                  defaults.ready.enabled = false
                  targets.staging {
                    base-url = "https://staging.example.com/"
                    values.admin-email = "team@example.com"
                  }
                }
                """);
    }

    private Map<String, String> parameters(Path personal) {
        Map<String, String> parameters = new HashMap<>(seen.parameters());
        parameters.put(PersonalConfig.PARAMETER, personal.toString());
        return parameters;
    }

    @Test
    void thePersonalFileOverridesTheProjectsValuesInTheRun() throws Exception {
        Path personal = Files.writeString(dir.resolve("mine.conf"), """
                staging-target.targets.staging {
                  base-url = "https://ada.staging.example.com/"
                  values.admin-email = "ada@example.com"
                }
                """);

        run(project(), "staging", parameters(personal), PersonalTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));

        assertThat(seen.values()).containsExactly(URI.create("https://ada.staging.example.com/"), "ada@example.com");
    }

    @Test
    void withoutOneTheProjectsValuesHold() {
        // The test kit names no personal file by default: a developer's own one cannot change this run.
        run(project(), "staging", seen.parameters(), PersonalTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));

        assertThat(seen.values()).containsExactly(URI.create("https://staging.example.com/"), "team@example.com");
    }

    @Test
    void anUnknownKeyInThePersonalFileFailsTheRunOnceWithItsLine() throws Exception {
        Path personal = Files.writeString(dir.resolve("mine.conf"), """
                staging-target.targets.staging {
                  baseurl = "https://ada.staging.example.com/"
                }
                """);

        assertOneContainerFailed(
                run(project(), "staging", parameters(personal), PersonalTestCase.class, SecondTestCase.class),
                message(m -> m.startsWith("personal file " + personal + ": 2: staging-target.targets.staging.baseurl "
                        + "is not a StagingTarget key: did you mean 'base-url'?")));
    }

    @StagingTarget
    @ExtendWith(Seen.Resolver.class)
    static class PersonalTestCase {
        @Test
        void test(Target target, Seen seen) {
            seen.add(target.baseUri());
            seen.add(target.values().string("admin-email"));
        }
    }

    @StagingTarget
    static class SecondTestCase {
        @Test
        void test(Target target) {}
    }
}
