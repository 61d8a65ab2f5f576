package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import io.github.stagingtarget.TargetValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * A target's {@code values} block (over {@code defaults.values}), read with the same checks and messages as
 * StagingTarget's own keys. Types are checked when a value is read: only the test knows what it expects.
 */
@API(status = INTERNAL, since = "0.2")
public final class ConfiguredValues implements TargetValues {

    static final String KEY = "values";

    private final String target;
    private final ConfigReader reader;
    private final Config values;
    private final String source;

    private ConfiguredValues(String target, ConfigReader reader, Config values, String source) {
        this.target = target;
        this.reader = reader;
        this.values = values;
        this.source = source;
    }

    /**
     * @param values a reader on the target's merged {@code values} object
     * @param source where the configuration came from, for the message of a missing value
     */
    static ConfiguredValues of(String target, ConfigReader values, String source) {
        return new ConfiguredValues(target, values, values.config(), source);
    }

    /** A target without values of its own. */
    public static ConfiguredValues none(String target) {
        Config empty = ConfigFactory.empty("no values");
        return new ConfiguredValues(
                target,
                new ConfigReader(
                        empty,
                        ConfigLoader.ROOT + ".targets." + target + "." + KEY,
                        new ConfigReader.Context(
                                ConfigLoader.projectDirectory(),
                                Substitutions.none(),
                                new io.github.stagingtarget.secrets.SecretMask())),
                empty,
                "no configuration");
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        values.entrySet().forEach(entry -> keys.add(entry.getKey()));
        return Collections.unmodifiableSet(keys);
    }

    @Override
    public boolean has(String key) {
        return values.hasPath(checked(key));
    }

    @Override
    public String string(String key) {
        require(key);
        return reader.string(key, "a plain value (text, number or boolean), not a list or an object");
    }

    @Override
    public Optional<String> optionalString(String key) {
        return has(key) ? Optional.of(string(key)) : Optional.empty();
    }

    @Override
    public int integer(String key) {
        require(key);
        try {
            return values.getInt(key);
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            throw reader.problem(key, "a whole number such as 20 (an int)", e);
        }
    }

    @Override
    public boolean bool(String key) {
        require(key);
        return reader.bool(key);
    }

    @Override
    public Duration duration(String key) {
        require(key);
        return reader.duration(key);
    }

    @Override
    public List<String> list(String key) {
        require(key);
        return reader.stringList(key);
    }

    @Override
    public URI uri(String key) {
        String expected = "an absolute URI such as https://mail.staging.example.com/";
        String value = string(key).trim();
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw reader.problem(key, expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw reader.problem(key, expected, e);
        }
    }

    /** A usable key, else the caller's mistake: a key is a HOCON path such as {@code admin-email}. */
    private static String checked(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A value's key must not be " + (key == null ? "null" : "blank"));
        }
        try {
            ConfigUtil.splitPath(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(
                    "'" + key + "' is not a key of values: expected a path such as admin-email or admin.email", e);
        }
        return key;
    }

    private void require(String key) {
        if (has(key)) {
            return;
        }
        String own = reader.key(key);
        String shared = ConfigLoader.ROOT + ".defaults." + KEY + "." + key;
        StringBuilder message = new StringBuilder("Target '")
                .append(target)
                .append("' has no value '")
                .append(key)
                .append('\'');
        List<String> unset = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>(reader.context().substitutions().namesAt(own));
        names.addAll(reader.context().substitutions().namesAt(shared));
        for (String name : names) {
            if (reader.context().substitutions().valueOf(name) == null) {
                unset.add(name);
            }
        }
        if (!unset.isEmpty()) {
            message.append(": it is written as ")
                    .append(String.join(
                            ", ", unset.stream().map(n -> "${?" + n + "}").toList()))
                    .append(unset.size() == 1 ? ", and that environment variable is" : ", and those are")
                    .append(" not set");
        }
        message.append(". Set ")
                .append(own)
                .append(" (or ")
                .append(shared)
                .append(" for every target) in ")
                .append(source)
                .append(". Values of target '")
                .append(target)
                .append("': ")
                .append(keys().isEmpty() ? "none" : String.join(", ", keys()))
                .append('.');
        throw new TargetConfigException(message.toString());
    }

    @Override
    public String toString() {
        // Keys only: a value may be a secret.
        return "Values of target '" + target + "': " + keys();
    }
}
