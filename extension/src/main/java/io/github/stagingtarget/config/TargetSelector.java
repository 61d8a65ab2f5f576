package io.github.stagingtarget.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the target, first hit wins: the system property {@code target}, the environment variable
 * {@code STAGING_TARGET}, the JUnit configuration parameter {@code stagingtarget.target}, the key
 * {@code staging-target.default-target}, else {@code local}. Blank values count as unset.
 */
public final class TargetSelector {

    public static final String SYSTEM_PROPERTY = "target";
    public static final String ENVIRONMENT_VARIABLE = "STAGING_TARGET";
    public static final String CONFIGURATION_PARAMETER = "stagingtarget.target";
    public static final String FALLBACK = "local";

    private TargetSelector() {}

    /**
     * @param systemProperty looks up a system property (the JUnit glue passes configuration parameters,
     *     which fall back to system properties, so that test kits can override them)
     * @param environment looks up an environment variable
     * @param configurationParameter looks up a JUnit configuration parameter
     */
    public static TargetSelection select(
            Function<String, Optional<String>> systemProperty,
            Function<String, Optional<String>> environment,
            Function<String, Optional<String>> configurationParameter,
            Optional<String> defaultTarget) {
        return first(systemProperty.apply(SYSTEM_PROPERTY), "system property '" + SYSTEM_PROPERTY + "'")
                .or(() ->
                        first(environment.apply(ENVIRONMENT_VARIABLE), "environment variable " + ENVIRONMENT_VARIABLE))
                .or(() -> first(
                        configurationParameter.apply(CONFIGURATION_PARAMETER),
                        "JUnit configuration parameter '" + CONFIGURATION_PARAMETER + "'"))
                .or(() -> first(defaultTarget, "key staging-target.default-target"))
                .orElse(new TargetSelection(FALLBACK, "default"));
    }

    private static Optional<TargetSelection> first(Optional<String> value, String chosenBy) {
        return value.map(String::trim).filter(v -> !v.isEmpty()).map(v -> new TargetSelection(v, chosenBy));
    }
}
