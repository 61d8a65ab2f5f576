package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fixtures.allowed} counts only in the target's own block, from a file or a system property. */
class ProductionGuardConfigTests {

    @TempDir
    Path dir;

    private static final String TARGETS = """
            staging-target.targets {
              staging.base-url = "https://staging.example.com/"
              production.base-url = "https://www.example.com/"
            }
            """;

    private StagingTargetConfig load(String hocon, Map<String, String> systemProperties) {
        return ConfigLoader.load(
                getClass().getClassLoader(),
                Optional.of(ConfigFiles.write(dir, hocon).toString()),
                systemProperties);
    }

    private static FixtureSettings fixtures(StagingTargetConfig config, String target) {
        return config.server(new TargetSelection(target, "a test")).fixtures();
    }

    @Test
    void oneSystemPropertyOnTheDefaultsCannotOpenEveryTarget() {
        assertThatThrownBy(() -> load(TARGETS, Map.of("staging-target.defaults.fixtures.allowed", "true")))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith("system property -Dstaging-target.defaults.fixtures.allowed: "
                        + "staging-target.defaults.fixtures.allowed is refused")
                .hasMessageContaining("Set it per target");
    }

    @Test
    void aSystemPropertyOnTheTargetsOwnBlockCountsAndIsNamedAsTheOrigin() {
        StagingTargetConfig config = load(TARGETS, Map.of("staging-target.targets.staging.fixtures.allowed", "true"));

        assertThat(fixtures(config, "staging").allowed()).isTrue();
        assertThat(fixtures(config, "staging").origin()).isEqualTo("-Dstaging-target.targets.staging.fixtures.allowed");
        assertThat(fixtures(config, "production").allowed()).isFalse();
        assertThat(config.fixturesAllowed())
                .containsExactly(Map.entry("staging", "-Dstaging-target.targets.staging.fixtures.allowed"));
    }

    @Test
    void theFileAndLineOfTheTargetsOwnSettingAreKept() {
        StagingTargetConfig config = load("""
                staging-target.targets {
                  staging.base-url = "https://staging.example.com/"
                  staging.fixtures.allowed = true
                  production.base-url = "https://www.example.com/"
                }
                """, Map.of());

        assertThat(config.fixturesAllowed()).containsOnlyKeys("staging");
        assertThat(config.fixturesAllowed().get("staging")).matches("staging-target-\\d+\\.conf:3");
        assertThat(fixtures(config, "staging").origin())
                .isEqualTo(config.fixturesAllowed().get("staging"));
    }

    @Test
    void aDefaultInTheFileIsRefusedEvenWhenFalse() {
        assertThatThrownBy(() -> load(TARGETS + "staging-target.defaults.fixtures.allowed = false", Map.of()))
                .hasMessageContaining(": 5: staging-target.defaults.fixtures.allowed is refused");
    }
}
