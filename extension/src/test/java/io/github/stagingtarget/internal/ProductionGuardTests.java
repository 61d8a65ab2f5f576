package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.StagingTargetTestKit.assertOneContainerFailed;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The production guard is read from a target's own block only (issue 8, finding 1), and the run header
 * says which target runs and whether, and from where, it allows fixtures.
 */
class ProductionGuardTests {

    @TempDir
    Path dir;

    private Path marker() {
        return dir.resolve("reset-ran");
    }

    @Test
    void aDefaultCannotAllowFixturesOnEveryTarget() {
        Path config = ConfigFiles.write(dir, """
                staging-target {
                  defaults {
                    fixtures.allowed = true
                    fixtures.reset = "touch '%s'"
                    ready.enabled = false
                  }
                  targets.production.base-url = "http://127.0.0.1:1/"
                }
                """.formatted(marker()));

        EngineExecutionResults results = run(config, "production", ResetTestCase.class);

        assertOneContainerFailed(
                results,
                message(m -> m.startsWith(config + ": 3: "
                                + "staging-target.defaults.fixtures.allowed is refused: the production "
                                + "guard is only read from a target's own block")
                        && m.endsWith("Set it per target, on the targets whose data may be wiped: "
                                + "staging-target.targets.NAME.fixtures.allowed = true.")));
        results.testEvents().assertStatistics(stats -> stats.started(0));
        assertThat(marker()).doesNotExist();
    }

    @Test
    void oneBlockCopiedIntoAnotherTargetDoesNotCarryTheGuardAlong() {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets {
                  staging {
                    base-url = "http://127.0.0.1:1/"
                    ready.enabled = false
                    fixtures { allowed = true, reset = "touch '%s'" }
                  }
                  production = ${staging-target.targets.staging} { base-url = "http://127.0.0.1:2/" }
                }
                """.formatted(marker()));

        run(config, "production", ResetTestCase.class)
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(),
                                finishedWithFailure(
                                        message(m -> m.contains(": 5: fixtures.allowed = true is shared by the "
                                                + "targets production, staging")))));
        assertThat(marker()).doesNotExist();
    }

    @Test
    void theTargetsOwnBlockAllowsFixturesAndTheRunHeaderSaysWhere() {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:1/"
                  ready.enabled = false
                  fixtures {
                    allowed = true
                    reset = "touch '%s'"
                  }
                }
                """.formatted(marker()));

        EngineExecutionResults results = run(config, "staging", ResetTestCase.class, PlainTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(marker()).exists();
        assertThat(headers(results))
                .singleElement()
                .asString()
                .matches(
                        "target 'staging' \\(chosen by JUnit configuration parameter 'target'\\) → "
                                + "http://127\\.0\\.0\\.1:1/ · fixtures allowed \\(staging-target-\\d+\\.conf:5\\) · browser chromium headless");
    }

    @Test
    void aTargetWithoutItIsRefusedAndTheRunHeaderSaysSoFirst() {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.production {
                  base-url = "https://deploy:hunter2-secret@127.0.0.1:1/"
                  ready.enabled = false
                  fixtures.reset = "touch '%s'"
                }
                """.formatted(marker()));

        EngineExecutionResults results = run(config, "production", ResetTestCase.class);

        assertThat(marker()).doesNotExist();
        assertThat(headers(results))
                .containsExactly(
                        "target 'production' (chosen by JUnit configuration parameter 'target') → "
                                + "https://****@127.0.0.1:1/ · fixtures refused (production guard) · browser chromium headless");
        assertOneContainerFailed(
                results,
                message(m -> m.contains("does not allow destructive fixtures")
                        && m.contains("staging-target.targets.production.fixtures.allowed = true")));
    }

    private static List<String> headers(EngineExecutionResults results) {
        return StagingTargetTestKit.reportEntries(results).stream()
                .filter(entry -> entry.getKey().equals("staging-target"))
                .map(Map.Entry::getValue)
                .toList();
    }

    @StagingTarget
    @ResetDatabase
    static class ResetTestCase {
        @Test
        void test() {}
    }

    @StagingTarget
    static class PlainTestCase {
        @Test
        void test() {}
    }
}
