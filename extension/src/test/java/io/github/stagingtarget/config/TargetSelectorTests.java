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

    private static TargetSelection select(
            Map<String, String> parameters,
            Map<String, String> systemProperties,
            Map<String, String> environment,
            Optional<TargetSelection> configured) {
        return TargetSelector.select(
                new TargetSelector.Sources(source(parameters), source(systemProperties), source(environment)),
                configured);
    }

    private static final Optional<TargetSelection> DEMO =
            Optional.of(new TargetSelection("demo", "key staging-target.default-target (staging-target.conf:2)"));

    @Test
    void targetWinsOverEverythingAndASystemPropertyIsNamedAsSuch() {
        // JUnit hands system properties on as configuration parameters: the same value in both is a -D.
        assertThat(select(
                        Map.of("target", "staging", "stagingtarget.target", "qa"),
                        Map.of("target", "staging"),
                        Map.of("STAGING_TARGET", "production"),
                        DEMO))
                .isEqualTo(new TargetSelection("staging", "-Dtarget"));
    }

    @Test
    void aConfigurationParameterIsNotCalledASystemProperty() {
        assertThat(select(Map.of("target", "staging"), Map.of(), Map.of(), DEMO))
                .isEqualTo(new TargetSelection("staging", "JUnit configuration parameter 'target'"));
        assertThat(select(Map.of("target", "staging"), Map.of("target", "other"), Map.of(), DEMO))
                .isEqualTo(new TargetSelection("staging", "JUnit configuration parameter 'target'"));
    }

    @Test
    void environmentVariableComesSecond() {
        assertThat(select(Map.of("stagingtarget.target", "qa"), Map.of(), Map.of("STAGING_TARGET", "production"), DEMO))
                .isEqualTo(new TargetSelection("production", "environment variable STAGING_TARGET"));
    }

    @Test
    void configurationParameterComesThird() {
        assertThat(select(Map.of("stagingtarget.target", "qa"), Map.of(), Map.of(), DEMO))
                .isEqualTo(new TargetSelection("qa", "JUnit configuration parameter 'stagingtarget.target'"));
        assertThat(select(Map.of("stagingtarget.target", "qa"), Map.of("stagingtarget.target", "qa"), Map.of(), DEMO))
                .isEqualTo(new TargetSelection("qa", "-Dstagingtarget.target"));
    }

    @Test
    void configDefaultThenLocal() {
        assertThat(select(Map.of(), Map.of(), Map.of(), DEMO)).isEqualTo(DEMO.orElseThrow());
        assertThat(select(Map.of(), Map.of(), Map.of(), Optional.empty()))
                .isEqualTo(new TargetSelection("local", "default"));
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(TargetSelector.select(
                                new TargetSelector.Sources(
                                        source(Map.of("target", "  ")), NONE, source(Map.of("STAGING_TARGET", ""))),
                                Optional.empty())
                        .name())
                .isEqualTo("local");
    }
}
