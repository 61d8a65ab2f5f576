package io.github.stagingtarget.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The resolved configuration: which targets exist and, on request, one target validated in full. Nothing
 * here starts a process or opens a connection.
 */
public final class StagingTargetConfig {

    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String TARGETS = "targets";
    private static final String DEFAULTS = "defaults";

    private final Config root;
    private final String source;

    private StagingTargetConfig(Config root, String source) {
        this.root = root;
        this.source = source;
    }

    static StagingTargetConfig from(Config merged, String source) {
        if (!(merged.hasPath(ConfigLoader.ROOT) && merged.getValue(ConfigLoader.ROOT) instanceof ConfigObject)) {
            throw new TargetConfigException(ConfigLoader.ROOT + " must be an object; check " + source);
        }
        Config root = merged.getConfig(ConfigLoader.ROOT);
        ConfigReader reader = new ConfigReader(root, ConfigLoader.ROOT);
        for (String section : List.of(TARGETS, DEFAULTS)) {
            if (!(root.getValue(section) instanceof ConfigObject)) {
                throw reader.problem(section, "an object { ... }");
            }
        }
        for (String name : root.getObject(TARGETS).keySet()) {
            if (!TARGET_NAME.matcher(name).matches()
                    || !(root.getObject(TARGETS).get(name) instanceof ConfigObject)) {
                throw reader.problem(
                        TARGETS + "." + ConfigUtil.joinPath(name),
                        "a target block named with letters, digits, _ or -, such as staging { base-url = \"...\" }");
            }
        }
        reader.optionalString("default-target", "a target name");
        return new StagingTargetConfig(root, source);
    }

    /** Where the user's configuration came from, for messages. */
    public String source() {
        return source;
    }

    public Optional<String> defaultTarget() {
        return new ConfigReader(root, ConfigLoader.ROOT).optionalString("default-target", "a target name");
    }

    /** The configured target names, sorted. */
    public List<String> targetNames() {
        return List.copyOf(new TreeSet<>(root.getObject(TARGETS).keySet()));
    }

    /**
     * Validates the whole target: every key it will use, so that a mistake surfaces before any side effect.
     *
     * @throws TargetConfigException naming the key, its origin and what was expected
     */
    public TargetDefinition target(TargetSelection selection) {
        String name = selection.name();
        if (!root.getObject(TARGETS).containsKey(name)) {
            throw new TargetConfigException("Unknown target '" + name + "' (chosen by " + selection.chosenBy()
                    + "). Configured targets: " + String.join(", ", targetNames()) + " (from " + source
                    + "). Choose one of them, or add a block " + ConfigLoader.ROOT + "." + TARGETS + "." + name
                    + " { base-url = \"https://...\" }.");
        }
        Config merged = root.getConfig(TARGETS + "." + name).withFallback(root.getConfig(DEFAULTS));
        String prefix = ConfigLoader.ROOT + "." + TARGETS + "." + name;
        ConfigReader target = new ConfigReader(merged, prefix);
        String origin = ConfigReader.describe(root.getObject(TARGETS).get(name));

        boolean local = target.bool("local");
        Optional<LaunchSpec> launch = launch(target, name);
        String baseUrl = baseUrl(target, launch);
        return new TargetDefinition(
                name,
                local,
                baseUrl,
                paths(target),
                ready(target),
                version(target),
                launch,
                origin,
                BrowserSpecReader.read(target));
    }

    /**
     * Validates the target's server keys ({@code console}, {@code ssh}, {@code fixtures}, {@code session},
     * {@code logs}), so that a mistake surfaces before anything connects. See {@code docs/console.md}.
     *
     * @throws TargetConfigException naming the key, its origin and what was expected
     */
    public ServerDefinition server(TargetSelection selection) {
        TargetDefinition definition = target(selection);
        Config merged = root.getConfig(TARGETS + "." + definition.name()).withFallback(root.getConfig(DEFAULTS));
        return ServerConfig.read(
                new ConfigReader(merged, ConfigLoader.ROOT + "." + TARGETS + "." + definition.name()),
                definition.name(),
                definition.local());
    }

    private String baseUrl(ConfigReader target, Optional<LaunchSpec> launch) {
        String expected = "an absolute http or https URL such as https://staging.example.com/";
        if (!target.has("base-url")) {
            throw new TargetConfigException(target.origin("base-url") + ": " + target.key("base-url")
                    + " is not set: expected " + expected + " (from " + source
                    + "). If it is written as ${?SOME_VARIABLE}, that environment variable is not set.");
        }
        String raw = target.string("base-url", expected).trim();
        boolean hasPort = raw.contains(LaunchSpec.PORT_PLACEHOLDER);
        if (hasPort && launch.isEmpty()) {
            throw target.problem(
                    "base-url",
                    expected + " without {port}: {port} is only filled in when the target has a launch block");
        }
        if (launch.isPresent() && launch.get().port() == 0 && !hasPort) {
            throw target.problem(
                    "base-url",
                    "a URL with {port} (e.g. http://127.0.0.1:{port}/), because " + target.key("launch.port")
                            + " is 0 and the application gets a free port");
        }
        URI uri;
        try {
            uri = new URI(raw.replace(LaunchSpec.PORT_PLACEHOLDER, "1"));
        } catch (URISyntaxException e) {
            throw target.problem("base-url", expected, e);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw target.problem("base-url", expected);
        }
        return raw.endsWith("/") ? raw : raw + "/";
    }

    private static Map<String, PathTemplate> paths(ConfigReader target) {
        String expected = "an object of named paths such as { home = \"/\", list = \"/lists/{id}/\" }";
        Map<String, PathTemplate> paths = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry :
                target.stringMap("paths", expected).entrySet()) {
            String key = "paths." + ConfigUtil.joinPath(entry.getKey());
            paths.put(
                    entry.getKey(),
                    PathTemplate.parse(entry.getKey(), entry.getValue(), target.key(key), target.origin(key)));
        }
        return Map.copyOf(paths);
    }

    private static ReadySpec ready(ConfigReader target) {
        return new ReadySpec(
                target.bool("ready.enabled"),
                target.string("ready.path", "a path such as / or /health"),
                target.duration("ready.timeout"),
                target.duration("ready.interval"));
    }

    private static VersionSpec version(ConfigReader target) {
        Optional<String> path = target.optionalString("version.path", "a path such as /version");
        Optional<String> expected = target.optionalString("version.expected", "a version or git commit")
                .map(String::trim)
                .filter(value -> !value.isEmpty());
        if (expected.isPresent() && path.isEmpty()) {
            throw new TargetConfigException(target.origin("version.expected") + ": " + target.key("version.expected")
                    + " is set, so " + target.key("version.path")
                    + " is needed: expected a path that answers the deployed version, such as /version");
        }
        return new VersionSpec(path, expected, target.origin("version.expected"));
    }

    private static Optional<LaunchSpec> launch(ConfigReader target, String name) {
        boolean hasMain = target.has("launch.main-class");
        boolean hasCommand = target.has("launch.command");
        if (!hasMain && !hasCommand) {
            return Optional.empty();
        }
        if (hasMain && hasCommand) {
            throw new TargetConfigException(target.origin("launch.command") + ": " + target.key("launch")
                    + ": expected either main-class or command, but both are set");
        }
        ConfigReader launch = target.child("launch");
        Optional<String> mainClass =
                hasMain ? Optional.of(launch.string("main-class", "a fully qualified class name")) : Optional.empty();
        List<String> command = hasCommand ? launch.stringList("command") : List.of();
        if (hasCommand && command.isEmpty()) {
            throw launch.problem("command", "a non-empty list such as [\"./run-app.sh\", \"--port\", \"{port}\"]");
        }
        String logFile = launch.has("log-file")
                ? launch.string("log-file", "a file path")
                : "target/staging-target/" + name + "-app.log";
        return Optional.of(new LaunchSpec(
                mainClass,
                command,
                launch.stringList("args"),
                launch.stringList("jvm-args"),
                launch.stringMap("env", "an object of environment variables such as { PORT = \"{port}\" }"),
                launch.optionalString("working-directory", "a directory path").map(Path::of),
                launch.port("port"),
                launch.bool("reuse-existing"),
                Path.of(logFile),
                launch.origin(hasMain ? "main-class" : "command")));
    }

    /**
     * Every setting of a target after falling back to the shared defaults, sorted by key, with the values of
     * secret-looking keys masked (see {@link Secrets}).
     */
    public List<ResolvedSetting> settings(String targetName) {
        Config merged =
                root.getConfig(TARGETS + "." + ConfigUtil.joinPath(targetName)).withFallback(root.getConfig(DEFAULTS));
        String prefix = ConfigLoader.ROOT + "." + TARGETS + "." + targetName + ".";
        return merged.entrySet().stream()
                .map(entry -> new ResolvedSetting(
                        prefix + entry.getKey(),
                        Secrets.isSecretKey(entry.getKey())
                                ? Secrets.MASK
                                : entry.getValue().render(com.typesafe.config.ConfigRenderOptions.concise()),
                        entry.getValue().origin().description()))
                .sorted(java.util.Comparator.comparing(ResolvedSetting::key))
                .toList();
    }

    @Override
    public String toString() {
        return "StagingTargetConfig from " + source + ", targets " + targetNames();
    }
}
