package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Chooses the target, the same way for the tests and the doctor; first hit wins: {@code target}
 * ({@code -Dtarget=staging}, or a JUnit configuration parameter of that name), the environment variable
 * {@code STAGING_TARGET}, the JUnit configuration parameter {@code stagingtarget.target} (e.g. in
 * {@code junit-platform.properties}, or {@code -Dstagingtarget.target}), the key
 * {@code staging-target.default-target}, else {@code local}. Blank values count as unset. The selection says
 * truthfully which source chose it.
 */
@API(status = INTERNAL, since = "0.1")
public final class TargetSelector {

    public static final String SYSTEM_PROPERTY = "target";
    public static final String ENVIRONMENT_VARIABLE = "STAGING_TARGET";
    public static final String CONFIGURATION_PARAMETER = "stagingtarget.target";
    public static final String FALLBACK = "local";

    /**
     * Where a selection is looked up.
     *
     * @param configurationParameters JUnit configuration parameters, which JUnit itself falls back to system
     *     properties and {@code junit-platform.properties} for; the values are read here only, so that a test
     *     kit that turns system properties off is not overruled by them
     * @param systemProperties only to tell a {@code -D} from a configuration parameter of the same value
     * @param environment environment variables
     */
    @API(status = INTERNAL, since = "0.1")
    public record Sources(
            Function<String, Optional<String>> configurationParameters,
            Function<String, Optional<String>> systemProperties,
            Function<String, Optional<String>> environment) {}

    private TargetSelector() {}

    /** @param configured {@code staging-target.default-target}, with where it was set */
    public static TargetSelection select(Sources sources, Optional<TargetSelection> configured) {
        return parameter(sources, SYSTEM_PROPERTY)
                .or(() -> first(
                        sources.environment().apply(ENVIRONMENT_VARIABLE),
                        "environment variable " + ENVIRONMENT_VARIABLE))
                .or(() -> parameter(sources, CONFIGURATION_PARAMETER))
                .or(() -> configured.filter(selection -> !selection.name().isBlank()))
                .orElse(new TargetSelection(FALLBACK, "default"));
    }

    private static Optional<TargetSelection> parameter(Sources sources, String name) {
        Optional<String> value = sources.configurationParameters().apply(name);
        boolean fromSystemProperty = value.isPresent()
                && Objects.equals(value, sources.systemProperties().apply(name));
        return first(value, fromSystemProperty ? "-D" + name : "JUnit configuration parameter '" + name + "'");
    }

    private static Optional<TargetSelection> first(Optional<String> value, String chosenBy) {
        return value.map(String::trim).filter(v -> !v.isEmpty()).map(v -> new TargetSelection(v, chosenBy));
    }
}
