package io.github.stagingtarget.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${...}} substitutions written in the configuration, read before it is resolved (afterwards
 * only the values are left): which environment variables a value was built from, for the doctor's
 * origins, and which secret-named variables the run must mask wherever their values show up.
 */
final class Substitutions {

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{\\??\\s*([^}]+?)\\s*}");

    private final Map<String, List<String>> byKey;
    private final Set<String> all;
    private final Config resolved;
    private final Function<String, String> environment;

    private Substitutions(
            Map<String, List<String>> byKey, Set<String> all, Config resolved, Function<String, String> environment) {
        this.byKey = byKey;
        this.all = all;
        this.resolved = resolved;
        this.environment = environment;
    }

    /**
     * @param unresolved the merged configuration before {@code resolve()}
     * @param resolved the same, resolved, with the environment variables it names as top-level keys of
     *     origin {@value Origins#ENVIRONMENT} (see {@link ConfigLoader})
     * @param environment for variables named by keys rather than substitutions ({@code ssh.password-env})
     */
    static Substitutions find(Config unresolved, Config resolved, Function<String, String> environment) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        walk(unresolved.root(), "", byKey);
        return new Substitutions(byKey, namesIn(unresolved), resolved, environment);
    }

    /** For a configuration without substitutions. */
    static Substitutions none() {
        Config empty = com.typesafe.config.ConfigFactory.empty();
        return find(empty, empty, name -> null);
    }

    /** Every name substituted anywhere in an unresolved configuration. */
    static Set<String> namesIn(Config unresolved) {
        return new LinkedHashSet<>(names(unresolved.root()));
    }

    /** Every name substituted anywhere in the configuration, keys and environment variables alike. */
    Set<String> names() {
        return all;
    }

    /**
     * Every name substituted into the value at {@code key} (a full path), set or not: configuration keys and
     * environment variables alike.
     */
    List<String> namesAt(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    /**
     * The names substituted into the value at {@code key} that make up the whole value
     * ({@code admin = ${?ADMIN_TOKEN}}), as opposed to a part of it ({@code "PGPASSWORD="${?PW}" psql"}).
     */
    List<String> wholeValueNamesAt(String key, Object value) {
        List<String> names = new ArrayList<>();
        for (String name : namesAt(key)) {
            String named = valueOf(name);
            if (named != null && named.equals(String.valueOf(value))) {
                names.add(name);
            }
        }
        return names;
    }

    /** The environment variables that the value at {@code key} (a full path) was built from. */
    List<String> environmentVariables(String key) {
        List<String> variables = new ArrayList<>();
        for (String name : byKey.getOrDefault(key, List.of())) {
            if (isEnvironmentVariable(name)) {
                variables.add(name);
            }
        }
        return variables;
    }

    /** The value a name stands for (a key of the configuration, else an environment variable), if set. */
    String valueOf(String name) {
        Optional<ConfigValue> value = value(name);
        if (value.isPresent()) {
            return value.get().unwrapped() instanceof String string ? string : null;
        }
        return environment.apply(name);
    }

    private boolean isEnvironmentVariable(String name) {
        return value(name)
                .map(value -> value.origin().description().equals(Origins.ENVIRONMENT))
                .orElse(false);
    }

    private Optional<ConfigValue> value(String name) {
        try {
            return resolved.hasPath(name) ? Optional.of(resolved.getValue(name)) : Optional.empty();
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    // An object built with a substitution (prod = ${staging} { ... }) cannot be walked before it is
    // resolved: its substitutions count for the object's own key, and for names().
    private static void walk(ConfigValue value, String key, Map<String, List<String>> byKey) {
        if (value instanceof ConfigObject object) {
            try {
                for (String name : object.keySet()) {
                    String child = key.isEmpty() ? ConfigUtil.joinPath(name) : key + "." + ConfigUtil.joinPath(name);
                    walk(object.get(name), child, byKey);
                }
                return;
            } catch (ConfigException.NotResolved e) {
                // fall through: treat it as one value
            }
        }
        List<String> names = names(value);
        if (!names.isEmpty()) {
            byKey.put(key, names);
        }
    }

    private static List<String> names(ConfigValue value) {
        String rendered;
        try {
            rendered = value.render(ConfigRenderOptions.concise());
        } catch (ConfigException e) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Matcher matcher = SUBSTITUTION.matcher(rendered);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
