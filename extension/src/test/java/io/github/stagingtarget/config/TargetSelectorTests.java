package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TargetSelectorTests {

    private static Function<String, Optional<String>> source(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    private static final Function<String, Optional<String>> NONE = key -> Optional.empty();

    @Test
    void systemPropertyWinsOverEverything() {
        TargetSelection selection = TargetSelector.select(
                source(Map.of("target", "staging")),
                source(Map.of("STAGING_TARGET", "production")),
                source(Map.of("stagingtarget.target", "qa")),
                Optional.of("demo"));

        assertThat(selection).isEqualTo(new TargetSelection("staging", "system property 'target'"));
    }

    @Test
    void environmentVariableComesSecond() {
        assertThat(TargetSelector.select(
                        NONE,
                        source(Map.of("STAGING_TARGET", "production")),
                        source(Map.of("stagingtarget.target", "qa")),
                        Optional.of("demo")))
                .isEqualTo(new TargetSelection("production", "environment variable STAGING_TARGET"));
    }

    @Test
    void configurationParameterComesThird() {
        assertThat(TargetSelector.select(NONE, NONE, source(Map.of("stagingtarget.target", "qa")), Optional.of("demo")))
                .isEqualTo(new TargetSelection("qa", "JUnit configuration parameter 'stagingtarget.target'"));
    }

    @Test
    void configDefaultThenLocal() {
        assertThat(TargetSelector.select(NONE, NONE, NONE, Optional.of("demo")).name())
                .isEqualTo("demo");
        assertThat(TargetSelector.select(NONE, NONE, NONE, Optional.empty()))
                .isEqualTo(new TargetSelection("local", "default"));
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(TargetSelector.select(
                                source(Map.of("target", "  ")),
                                source(Map.of("STAGING_TARGET", "")),
                                NONE,
                                Optional.empty())
                        .name())
                .isEqualTo("local");
    }
}
