package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Loads the layered configuration, highest precedence first: system properties starting with
 * {@code staging-target.}, the developer's personal file ({@link PersonalConfig}), the project's file (an
 * explicit one, else {@code staging-target.conf} on the class path), the extension's {@code reference.conf}; then resolves substitutions, which fall back to
 * environment variables ({@code ${?STAGING_URL}}).
 *
 * <p>Uses the {@code parse*} methods only: {@code ConfigFactory.load()} and its relatives cache per class
 * loader, which would make one run's configuration leak into the next inside one JVM (as in our tests).
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfigLoader {

    public static final String ROOT = "staging-target";
    public static final String DEFAULT_RESOURCE = "staging-target.conf";
    /** System property or JUnit configuration parameter naming an explicit configuration file. */
    public static final String CONFIG_FILE_PARAMETER = "stagingtarget.config";

    private ConfigLoader() {}

    /**
     * Loads with this process's environment variables, relative paths against the working directory.
     *
     * @param classLoader finds {@code staging-target.conf} and {@code reference.conf}
     * @param explicitLocation a file path, or a class path resource, that replaces {@code staging-target.conf}
     * @param systemProperties overrides: every property whose name starts with {@code staging-target.}
     */
    public static StagingTargetConfig load(
            ClassLoader classLoader, Optional<String> explicitLocation, Map<?, ?> systemProperties) {
        return load(classLoader, explicitLocation, systemProperties, System::getenv, projectDirectory());
    }

    /**
     * Like {@link #load(ClassLoader, Optional, Map, Function, Path, PersonalConfig)} without a personal file.
     *
     * @param environment looks up the environment variables that substitutions fall back to
     * @param projectDirectory the base of relative paths in the configuration (and of {@code explicitLocation})
     */
    public static StagingTargetConfig load(
            ClassLoader classLoader,
            Optional<String> explicitLocation,
            Map<?, ?> systemProperties,
            Function<String, String> environment,
            Path projectDirectory) {
        return load(
                classLoader, explicitLocation, systemProperties, environment, projectDirectory, PersonalConfig.none());
    }

    /**
     * @param environment looks up the environment variables that substitutions fall back to
     * @param projectDirectory the base of relative paths in the configuration (and of {@code explicitLocation})
     * @param personal the developer's personal override file, layered between the system properties and the
     *     project's file
     */
    public static StagingTargetConfig load(
            ClassLoader classLoader,
            Optional<String> explicitLocation,
            Map<?, ?> systemProperties,
            Function<String, String> environment,
            Path projectDirectory,
            PersonalConfig personal) {
        ConfigParseOptions strict =
                ConfigParseOptions.defaults().setAllowMissing(false).setClassLoader(classLoader);
        try {
            Config reference = ConfigFactory.parseResources(
                    ConfigLoader.class.getClassLoader(), "reference.conf", strict.setAllowMissing(true));
            UserFile user = userFile(classLoader, explicitLocation, projectDirectory, strict);
            UserFile personalFile = personalFile(personal, strict);
            Config merged = overrides(systemProperties)
                    .withFallback(personalFile.config())
                    .withFallback(user.config())
                    .withFallback(reference);
            Config resolved = resolve(merged, environment);
            return StagingTargetConfig.from(
                    resolved,
                    reference.resolve(),
                    user.description(),
                    personalFile.description(),
                    Substitutions.find(merged, resolved, environment),
                    projectDirectory);
        } catch (ConfigException e) {
            // Typesafe's messages already start with "file: line:"; keep them whole.
            throw new TargetConfigException("Invalid StagingTarget configuration: " + e.getMessage(), e);
        }
    }

    /**
     * The personal file, its values' origin saying so ({@code personal file /home/ada/.config/…: 3}): its
     * name alone would look like the project's {@code staging-target.conf}.
     */
    private static UserFile personalFile(PersonalConfig personal, ConfigParseOptions options) {
        if (personal.file().isEmpty()) {
            return new UserFile(ConfigFactory.empty(), "none (" + personal.chosenBy() + ")");
        }
        Path file = personal.file().get();
        if (!Files.isRegularFile(file)) {
            if (personal.required()) {
                throw new TargetConfigException(personal.chosenBy() + " names the personal configuration file "
                        + file + ", but there is no such file: create it, or set " + PersonalConfig.PARAMETER
                        + " (or " + PersonalConfig.VARIABLE + ") to " + PersonalConfig.NONE + " to read none");
            }
            return new UserFile(ConfigFactory.empty(), "none (no file at " + file + ", " + personal.chosenBy() + ")");
        }
        return new UserFile(
                ConfigFactory.parseFile(file.toFile(), options.setOriginDescription(Origins.PERSONAL + file)),
                "file " + file + " (" + personal.chosenBy() + ")");
    }

    /** The documented base of relative paths: the test JVM's working directory. */
    public static Path projectDirectory() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath();
    }

    /**
     * Substitutions look in the configuration first, then in {@code environment}: what Typesafe does with
     * the process environment, but with environment variables that tests can choose and whose origin says
     * {@value Origins#ENVIRONMENT}. The variables the configuration names become top-level keys of the
     * result, below the configuration ({@code resolveWith} a separate source cannot resolve the common
     * {@code path = "/x", path = ${?PATH_VARIABLE}}).
     */
    private static Config resolve(Config merged, Function<String, String> environment) {
        Map<String, String> variables = new HashMap<>();
        for (String name : Substitutions.namesIn(merged)) {
            String value = environment.apply(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        return merged.withFallback(ConfigValueFactory.fromMap(variables, Origins.ENVIRONMENT))
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    }

    private record UserFile(Config config, String description) {}

    private static UserFile userFile(
            ClassLoader classLoader, Optional<String> explicit, Path projectDirectory, ConfigParseOptions options) {
        if (explicit.isPresent() && !explicit.get().isBlank()) {
            String location = explicit.get().trim();
            Path file = projectDirectory.resolve(location);
            if (Files.isRegularFile(file)) {
                return new UserFile(ConfigFactory.parseFile(file.toFile(), options), "file " + file.toAbsolutePath());
            }
            URL resource = classLoader.getResource(location);
            if (resource != null) {
                return new UserFile(ConfigFactory.parseURL(resource, options), "class path resource " + location);
            }
            throw new TargetConfigException(CONFIG_FILE_PARAMETER + " names '" + location
                    + "', but there is no such file (looked in " + file.toAbsolutePath()
                    + ") and no such class path resource");
        }
        URL resource = classLoader.getResource(DEFAULT_RESOURCE);
        if (resource == null) {
            return new UserFile(
                    ConfigFactory.empty("no " + DEFAULT_RESOURCE),
                    "no " + DEFAULT_RESOURCE + " on the test class path (put one in src/test/resources)");
        }
        return new UserFile(ConfigFactory.parseURL(resource, options), DEFAULT_RESOURCE + " (" + resource + ")");
    }

    private static Config overrides(Map<?, ?> systemProperties) {
        Properties ours = new Properties();
        systemProperties.forEach((key, value) -> {
            if (key instanceof String name && name.startsWith(ROOT + ".") && value instanceof String) {
                ours.setProperty(name, (String) value);
            }
        });
        return ConfigFactory.parseProperties(
                ours, ConfigParseOptions.defaults().setOriginDescription(Origins.SYSTEM_PROPERTIES));
    }
}
