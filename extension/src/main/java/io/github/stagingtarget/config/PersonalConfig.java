package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Where a developer's personal override file is: a configuration file outside the repository, layered above
 * the project's file and below system properties, so that each developer keeps their own URLs, keys and
 * credentials without editing the committed configuration. First hit wins:
 *
 * <ol>
 *   <li>{@value #PARAMETER}, a system property or JUnit configuration parameter;
 *   <li>the environment variable {@value #VARIABLE};
 *   <li>{@code $XDG_CONFIG_HOME/staging-target/staging-target.conf}, if {@code XDG_CONFIG_HOME} is set to an
 *       absolute path;
 *   <li>{@code ~/.config/staging-target/staging-target.conf}.
 * </ol>
 *
 * A file named explicitly (1, 2) must exist; {@value #NONE} reads none. The default location (3, 4) is read
 * if a file is there. Everything is passed in, so tests never read the real user's home.
 */
@API(status = INTERNAL, since = "0.2")
public final class PersonalConfig {

    public static final String PARAMETER = "stagingtarget.user-config";
    public static final String VARIABLE = "STAGING_TARGET_USER_CONFIG";
    public static final String NONE = "none";
    static final String DEFAULT_RELATIVE = "staging-target/staging-target.conf";

    private final Optional<Path> file;
    private final boolean required;
    private final String chosenBy;

    private PersonalConfig(Optional<Path> file, boolean required, String chosenBy) {
        this.file = file;
        this.required = required;
        this.chosenBy = chosenBy;
    }

    /** No personal file at all. */
    public static PersonalConfig none() {
        return new PersonalConfig(Optional.empty(), false, "not looked for");
    }

    /**
     * @param parameter the JUnit configuration parameter (or system property) {@value #PARAMETER}, if set
     * @param systemProperties for {@value #PARAMETER} and {@code user.home}
     * @param environment for {@value #VARIABLE} and {@code XDG_CONFIG_HOME}
     * @param projectDirectory the base of a relative path given in 1 or 2
     */
    public static PersonalConfig locate(
            Optional<String> parameter,
            Map<?, ?> systemProperties,
            Function<String, String> environment,
            Path projectDirectory) {
        String home = systemProperties.get("user.home") instanceof String value ? value : null;
        Optional<String> property = parameter
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .or(() -> Optional.ofNullable(systemProperties.get(PARAMETER))
                        .map(value -> String.valueOf(value).trim())
                        .filter(value -> !value.isEmpty()));
        if (property.isPresent()) {
            return explicit(
                    property.get(),
                    PARAMETER + " (system property or JUnit configuration parameter)",
                    home,
                    projectDirectory);
        }
        String variable = environment.apply(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return explicit(variable.trim(), "environment variable " + VARIABLE, home, projectDirectory);
        }
        String xdg = environment.apply("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg.trim()).isAbsolute()) {
            return new PersonalConfig(
                    Optional.of(Path.of(xdg.trim()).resolve(DEFAULT_RELATIVE)), false, "default, $XDG_CONFIG_HOME");
        }
        if (home == null || home.isBlank()) {
            return new PersonalConfig(Optional.empty(), false, "default, but user.home is not set");
        }
        return new PersonalConfig(
                Optional.of(Path.of(home, ".config").resolve(DEFAULT_RELATIVE)), false, "default, ~/.config");
    }

    private static PersonalConfig explicit(String value, String chosenBy, String home, Path projectDirectory) {
        if (value.toLowerCase(Locale.ROOT).equals(NONE)) {
            return new PersonalConfig(Optional.empty(), false, chosenBy + " = " + NONE);
        }
        String expanded =
                (value.equals("~") || value.startsWith("~/")) && home != null ? home + value.substring(1) : value;
        try {
            return new PersonalConfig(
                    Optional.of(projectDirectory.resolve(expanded).normalize()), true, chosenBy);
        } catch (InvalidPathException e) {
            throw new TargetConfigException(
                    chosenBy + " names '" + value + "', which is not a file path: expected the path of a personal "
                            + "configuration file, or " + NONE + " to read none",
                    e);
        }
    }

    /** The file to read, if any. */
    public Optional<Path> file() {
        return file;
    }

    /** Whether the file was named explicitly, so that a missing one is an error rather than no overrides. */
    public boolean required() {
        return required;
    }

    /** What chose the location, for messages and the doctor. */
    public String chosenBy() {
        return chosenBy;
    }

    @Override
    public String toString() {
        return "personal file " + file.map(Path::toString).orElse(NONE) + " (" + chosenBy + ")";
    }
}
