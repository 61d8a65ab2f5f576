package io.github.stagingtarget.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Loads the layered configuration, highest precedence first: system properties starting with
 * {@code staging-target.}, the user's file (an explicit one, else {@code staging-target.conf} on the class
 * path), the extension's {@code reference.conf}; then resolves substitutions, which fall back to
 * environment variables ({@code ${?STAGING_URL}}).
 *
 * <p>Uses the {@code parse*} methods only: {@code ConfigFactory.load()} and its relatives cache per class
 * loader, which would make one run's configuration leak into the next inside one JVM (as in our tests).
 */
public final class ConfigLoader {

    public static final String ROOT = "staging-target";
    public static final String DEFAULT_RESOURCE = "staging-target.conf";
    /** System property or JUnit configuration parameter naming an explicit configuration file. */
    public static final String CONFIG_FILE_PARAMETER = "stagingtarget.config";

    private ConfigLoader() {}

    /**
     * @param classLoader finds {@code staging-target.conf} and {@code reference.conf}
     * @param explicitLocation a file path, or a class path resource, that replaces {@code staging-target.conf}
     * @param systemProperties overrides: every property whose name starts with {@code staging-target.}
     */
    public static StagingTargetConfig load(
            ClassLoader classLoader, Optional<String> explicitLocation, Map<?, ?> systemProperties) {
        ConfigParseOptions strict =
                ConfigParseOptions.defaults().setAllowMissing(false).setClassLoader(classLoader);
        try {
            Config reference = ConfigFactory.parseResources(
                    ConfigLoader.class.getClassLoader(), "reference.conf", strict.setAllowMissing(true));
            UserFile user = userFile(classLoader, explicitLocation, strict);
            Config merged = overrides(systemProperties)
                    .withFallback(user.config())
                    .withFallback(reference)
                    .resolve();
            return StagingTargetConfig.from(merged, user.description());
        } catch (ConfigException e) {
            // Typesafe's messages already start with "file: line:"; keep them whole.
            throw new TargetConfigException("Invalid StagingTarget configuration: " + e.getMessage(), e);
        }
    }

    private record UserFile(Config config, String description) {}

    private static UserFile userFile(ClassLoader classLoader, Optional<String> explicit, ConfigParseOptions options) {
        if (explicit.isPresent() && !explicit.get().isBlank()) {
            String location = explicit.get().trim();
            Path file = Path.of(location);
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
                ours, ConfigParseOptions.defaults().setOriginDescription("system properties"));
    }
}
