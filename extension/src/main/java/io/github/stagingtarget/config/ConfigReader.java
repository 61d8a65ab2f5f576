package io.github.stagingtarget.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.github.stagingtarget.secrets.SecretMask;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed values below one path and turns every Typesafe type error into a {@link
 * TargetConfigException} that names the full key, its origin and what was expected. Typesafe's own
 * messages name the key relative to the sub-tree it was asked on, which reads wrong to a user.
 */
final class ConfigReader {

    /**
     * What every reader of one loaded configuration shares.
     *
     * @param projectDirectory the base of relative file paths: the test JVM's working directory, normally
     *     the Maven module's directory
     * @param substitutions the substitutions the values were built from, for short origins
     * @param mask the run's secrets, so that no message shows them
     */
    record Context(Path projectDirectory, Substitutions substitutions, SecretMask mask) {}

    private final Config config;
    private final String prefix;
    private final Context context;

    ConfigReader(Config config, String prefix, Context context) {
        this.config = config;
        this.prefix = prefix;
        this.context = context;
    }

    ConfigReader child(String relativeKey) {
        return new ConfigReader(config.getConfig(relativeKey), key(relativeKey), context);
    }

    Context context() {
        return context;
    }

    Config config() {
        return config;
    }

    String key(String relativeKey) {
        return prefix + "." + relativeKey;
    }

    boolean has(String relativeKey) {
        return config.hasPath(relativeKey);
    }

    ConfigValue value(String relativeKey) {
        return config.getValue(relativeKey);
    }

    String string(String relativeKey, String expected) {
        requirePresent(relativeKey, expected);
        ConfigValue value = config.getValue(relativeKey);
        if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
            throw problem(relativeKey, expected);
        }
        return String.valueOf(value.unwrapped());
    }

    Optional<String> optionalString(String relativeKey, String expected) {
        return has(relativeKey) ? Optional.of(string(relativeKey, expected)) : Optional.empty();
    }

    boolean bool(String relativeKey) {
        requirePresent(relativeKey, "true or false");
        try {
            return config.getBoolean(relativeKey);
        } catch (ConfigException.WrongType e) {
            throw problem(relativeKey, "true or false", e);
        }
    }

    int port(String relativeKey) {
        requirePresent(relativeKey, "a port number from 0 to 65535");
        try {
            int port = config.getInt(relativeKey);
            if (port < 0 || port > 65535) {
                throw problem(relativeKey, "a port number from 0 to 65535");
            }
            return port;
        } catch (ConfigException.WrongType e) {
            throw problem(relativeKey, "a port number from 0 to 65535", e);
        }
    }

    /**
     * {@code value} (read from {@code relativeKey}, maybe after a substitution) as an absolute http or https URL
     * with a host; else this key's problem, saying what was {@code expected}. The one check of every URL the
     * configuration gives.
     */
    URI httpUrl(String relativeKey, String value, String expected) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw problem(relativeKey, expected, e);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw problem(relativeKey, expected);
        }
        return uri;
    }

    int number(String relativeKey, int min, int max) {
        String expected = "a whole number from " + min + " to " + max;
        requirePresent(relativeKey, expected);
        try {
            int number = config.getInt(relativeKey);
            if (number < min || number > max) {
                throw problem(relativeKey, expected);
            }
            return number;
        } catch (ConfigException.WrongType e) {
            throw problem(relativeKey, expected, e);
        }
    }

    /** A size in bytes: a number, or with a unit such as {@code 64KiB}, {@code 1MiB} or {@code 500kB}. */
    long bytes(String relativeKey, long min, long max) {
        String expected = "a size from " + min + " to " + max + " bytes, such as 65536, 64KiB or 1MiB";
        requirePresent(relativeKey, expected);
        try {
            long bytes = config.getBytes(relativeKey);
            if (bytes < min || bytes > max) {
                throw problem(relativeKey, expected);
            }
            return bytes;
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            throw problem(relativeKey, expected, e);
        }
    }

    Duration duration(String relativeKey) {
        String expected = "a positive duration such as 500ms, 30s or 2m";
        requirePresent(relativeKey, expected);
        try {
            Duration duration = config.getDuration(relativeKey);
            if (duration.isNegative() || duration.isZero()) {
                throw problem(relativeKey, expected);
            }
            return duration;
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            throw problem(relativeKey, expected, e);
        }
    }

    List<String> stringList(String relativeKey) {
        String expected = "a list of strings such as [\"a\", \"b\"]";
        requirePresent(relativeKey, expected);
        ConfigValue value = config.getValue(relativeKey);
        if (value.valueType() != ConfigValueType.LIST) {
            throw problem(relativeKey, expected);
        }
        List<String> strings = new ArrayList<>();
        for (Object element : (List<?>) value.unwrapped()) {
            if (element instanceof List || element instanceof Map || element == null) {
                throw problem(relativeKey, expected);
            }
            strings.add(String.valueOf(element));
        }
        return List.copyOf(strings);
    }

    /** A map of simple string values, in the order they were written (the keys are quoted if needed). */
    Map<String, String> stringMap(String relativeKey, String expected) {
        requirePresent(relativeKey, expected);
        ConfigValue value = config.getValue(relativeKey);
        if (!(value instanceof ConfigObject)) {
            throw problem(relativeKey, expected);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : ((ConfigObject) value).entrySet()) {
            ConfigValue element = entry.getValue();
            if (element.valueType() == ConfigValueType.OBJECT
                    || element.valueType() == ConfigValueType.LIST
                    || element.valueType() == ConfigValueType.NULL) {
                throw problem(relativeKey + "." + ConfigUtil.joinPath(entry.getKey()), expected, element, null);
            }
            map.put(entry.getKey(), String.valueOf(element.unwrapped()));
        }
        return map;
    }

    /**
     * A file path; {@code ~/} is the user's home, as in OpenSSH's own configuration, and a relative path is
     * resolved against the project directory, so that every path key means the same wherever it is used.
     */
    Path path(String relativeKey, String expected) {
        String value = string(relativeKey, expected).trim();
        if (value.isEmpty()) {
            throw problem(relativeKey, expected);
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + value.substring(1));
        }
        try {
            return context.projectDirectory().resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw problem(relativeKey, expected, e);
        }
    }

    Optional<Path> optionalPath(String relativeKey, String expected) {
        return has(relativeKey) ? Optional.of(path(relativeKey, expected)) : Optional.empty();
    }

    /** A short origin for people: {@code staging-target.conf:12}, {@code env STAGING_URL}, {@code -D…}. */
    String briefOrigin(String relativeKey) {
        if (!has(relativeKey)) {
            return Origins.brief(config.root(), prefix, List.of());
        }
        return Origins.brief(
                config.getValue(relativeKey),
                key(relativeKey),
                context.substitutions().environmentVariables(key(relativeKey)));
    }

    String origin(String relativeKey) {
        return has(relativeKey)
                ? Origins.full(config.getValue(relativeKey), key(relativeKey))
                : describe(config.root());
    }

    TargetConfigException problem(String relativeKey, String expected) {
        return problem(relativeKey, expected, (Throwable) null);
    }

    TargetConfigException problem(String relativeKey, String expected, Throwable cause) {
        ConfigValue value = config.hasPathOrNull(relativeKey) && !config.getIsNull(relativeKey)
                ? config.getValue(relativeKey)
                : null;
        return problem(relativeKey, expected, value, cause);
    }

    private TargetConfigException problem(String relativeKey, String expected, ConfigValue value, Throwable cause) {
        String found = value == null
                ? "nothing"
                : SecretMask.isSecretSetting(
                                key(relativeKey),
                                context.substitutions().wholeValueNamesAt(key(relativeKey), value.unwrapped()))
                        ? "a value that is not shown because the key holds a secret"
                        : "'" + context.mask().apply(render(value)) + "'";
        String origin = value == null ? describe(config.root()) : Origins.full(value, key(relativeKey));
        return new TargetConfigException(
                origin + ": " + key(relativeKey) + ": expected " + expected + ", but was " + found, cause);
    }

    private void requirePresent(String relativeKey, String expected) {
        if (!has(relativeKey)) {
            throw new TargetConfigException(describe(config.root()) + ": " + key(relativeKey)
                    + " is not set: expected " + expected
                    + ". If it is written as ${?SOME_VARIABLE}, that environment variable is not set.");
        }
    }

    static String describe(ConfigValue value) {
        return value.origin().description();
    }

    private static String render(ConfigValue value) {
        return value.render(com.typesafe.config.ConfigRenderOptions.concise());
    }
}
