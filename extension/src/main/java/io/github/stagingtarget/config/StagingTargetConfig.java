package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.github.stagingtarget.mail.inbox.MailSettings;
import io.github.stagingtarget.secrets.SecretMask;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The resolved configuration: which targets exist and, on request, one target validated in full. Nothing
 * here starts a process or opens a connection.
 */
@API(status = INTERNAL, since = "0.1")
public final class StagingTargetConfig {

    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String TARGETS = "targets";
    private static final String DEFAULTS = "defaults";
    private static final String ALLOWED = "fixtures.allowed";
    private static final String SERVICES = "services";

    private final Config root;
    private final Config reference;
    private final String source;
    private final String personal;
    private final ConfigReader.Context context;
    private final Map<String, String> fixturesAllowed;

    private StagingTargetConfig(
            Config root,
            Config reference,
            String source,
            String personal,
            ConfigReader.Context context,
            Map<String, String> fixturesAllowed) {
        this.root = root;
        this.reference = reference;
        this.source = source;
        this.personal = personal;
        this.context = context;
        this.fixturesAllowed = fixturesAllowed;
    }

    /**
     * @param merged the resolved configuration, overrides and the user's file over {@code reference.conf}
     * @param reference {@code reference.conf} alone, to tell the user's values from the defaults
     */
    static StagingTargetConfig from(
            Config merged,
            Config reference,
            String source,
            String personal,
            Substitutions substitutions,
            Path projectDirectory) {
        if (!(merged.hasPath(ConfigLoader.ROOT) && merged.getValue(ConfigLoader.ROOT) instanceof ConfigObject)) {
            throw new TargetConfigException(ConfigLoader.ROOT + " must be an object; check " + source);
        }
        Config root = merged.getConfig(ConfigLoader.ROOT);
        SecretMask mask = secrets(merged, substitutions);
        ConfigReader.Context context = new ConfigReader.Context(projectDirectory, substitutions, mask);
        ConfigReader reader = new ConfigReader(root, ConfigLoader.ROOT, context);
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
        refuseSharedGuard(root);
        ConfigSchema.check(root.root());
        reader.optionalString("default-target", "a target name");
        Config referenceRoot =
                reference.hasPath(ConfigLoader.ROOT) ? reference.getConfig(ConfigLoader.ROOT) : ConfigFactory.empty();
        return new StagingTargetConfig(root, referenceRoot, source, personal, context, fixturesAllowed(root, context));
    }

    /**
     * The production guard is read from a target's own block only: a default, or one system property on
     * {@code defaults}, would open every target (production too) to {@code @ResetDatabase} and {@code @Seed}.
     */
    private static void refuseSharedGuard(Config root) {
        ConfigObject defaults = root.getObject(DEFAULTS);
        if (defaults.get("fixtures") instanceof ConfigObject fixtures && fixtures.containsKey("allowed")) {
            String key = ConfigLoader.ROOT + "." + DEFAULTS + "." + ALLOWED;
            throw new TargetConfigException(Origins.full(fixtures.get("allowed"), key) + ": " + key
                    + " is refused: the production guard is only read from a target's own block, so that no "
                    + "default can allow destructive fixtures (@ResetDatabase, @Seed) on every target. Set it per "
                    + "target, on the targets whose data may be wiped: " + ConfigLoader.ROOT + "." + TARGETS
                    + ".NAME." + ALLOWED + " = true.");
        }
        // One line shared by several targets (prod = ${staging-target.targets.staging} { ... }) is a default too.
        Map<String, List<String>> byLine = new TreeMap<>();
        for (String name : new TreeSet<>(root.getObject(TARGETS).keySet())) {
            Config target = root.getConfig(TARGETS + "." + name);
            if (target.hasPath(ALLOWED) && isTrue(target.getValue(ALLOWED))) {
                var origin = target.getValue(ALLOWED).origin();
                if (origin.lineNumber() >= 0) {
                    byLine.computeIfAbsent(origin.description(), line -> new ArrayList<>())
                            .add(name);
                }
            }
        }
        byLine.forEach((line, targets) -> {
            if (targets.size() > 1) {
                throw new TargetConfigException(line + ": " + ALLOWED + " = true is shared by the targets "
                        + String.join(", ", targets) + " (one block copied into another with a substitution?): the "
                        + "production guard is only read from a target's own block. Write " + ALLOWED
                        + " = true into the block of each target whose data may be wiped.");
            }
        });
    }

    private static boolean isTrue(ConfigValue value) {
        return "true".equalsIgnoreCase(String.valueOf(value.unwrapped()).trim());
    }

    private static Map<String, String> fixturesAllowed(Config root, ConfigReader.Context context) {
        Map<String, String> allowed = new TreeMap<>();
        for (String name : root.getObject(TARGETS).keySet()) {
            ConfigReader target = new ConfigReader(
                    root.getConfig(TARGETS + "." + name), ConfigLoader.ROOT + "." + TARGETS + "." + name, context);
            if (target.has(ALLOWED) && isTrue(target.value(ALLOWED))) {
                allowed.put(name, target.briefOrigin(ALLOWED));
            }
        }
        return Collections.unmodifiableMap(allowed);
    }

    /**
     * The run's secrets as far as the configuration knows them: values of secret-named keys, secret-named
     * substitutions ({@code ${?DB_PASSWORD}}, wherever the value ends up), the variables that
     * {@code ...-env} keys name, and values assigned to secret names inside values ({@code PGPASSWORD=x},
     * {@code ["--password", "x"]}).
     */
    private static SecretMask secrets(Config merged, Substitutions substitutions) {
        SecretMask mask = new SecretMask();
        for (String name : substitutions.names()) {
            if (SecretMask.isSecretKey(name)) {
                mask.add(substitutions.valueOf(name));
            }
        }
        for (Map.Entry<String, ConfigValue> entry : merged.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue().unwrapped();
            List<String> strings = value instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(value));
            if (SecretMask.isSecretKey(key)) {
                strings.forEach(mask::add);
            } else if (key.endsWith("-env") && SecretMask.isSecretKey(key.substring(0, key.length() - 4))) {
                strings.forEach(variable -> mask.add(substitutions.valueOf(variable)));
            }
            mask.addSecretsIn(strings);
        }
        return mask;
    }

    /** Where the user's configuration came from, for messages. */
    public String source() {
        return source;
    }

    /**
     * The developer's personal override file, for the doctor: {@code file /home/ada/.config/… (default, ~/.config)}
     * or {@code none (…)}.
     */
    public String personal() {
        return personal;
    }

    /**
     * This run's secrets, as far as the configuration knows them; add the ones made later (session keys).
     * Every message built from this configuration goes through it.
     */
    public SecretMask mask() {
        return context.mask();
    }

    /** The base of relative paths in the configuration. */
    public Path projectDirectory() {
        return context.projectDirectory();
    }

    public Optional<String> defaultTarget() {
        return reader().optionalString("default-target", "a target name");
    }

    /** {@code default-target} as a selection that says where it was set. */
    public Optional<TargetSelection> defaultSelection() {
        return defaultTarget()
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(name -> new TargetSelection(
                        name,
                        "key " + ConfigLoader.ROOT + ".default-target (" + reader().briefOrigin("default-target")
                                + ")"));
    }

    /** The configured target names, sorted. */
    public List<String> targetNames() {
        return List.copyOf(new TreeSet<>(root.getObject(TARGETS).keySet()));
    }

    /**
     * The targets whose own block says {@code fixtures.allowed = true}, sorted, each with where that was
     * set ({@code staging-target.conf:42} or {@code -Dstaging-target.targets.NAME.fixtures.allowed}).
     */
    public Map<String, String> fixturesAllowed() {
        return fixturesAllowed;
    }

    private ConfigReader reader() {
        return new ConfigReader(root, ConfigLoader.ROOT, context);
    }

    /**
     * Validates the whole target: every key it will use, so that a mistake surfaces before any side effect.
     *
     * @throws TargetConfigException naming the key, its origin and what was expected
     */
    public TargetSettings target(TargetSelection selection) {
        String name = selection.name();
        if (!root.getObject(TARGETS).containsKey(name)) {
            throw new TargetConfigException("Unknown target '" + name + "' (chosen by " + selection.chosenBy()
                    + "). Configured targets: " + String.join(", ", targetNames()) + " (from " + source
                    + "). Choose one of them, or add a block " + ConfigLoader.ROOT + "." + TARGETS + "." + name
                    + " { base-url = \"https://...\" }.");
        }
        Config merged = root.getConfig(TARGETS + "." + name).withFallback(root.getConfig(DEFAULTS));
        String prefix = ConfigLoader.ROOT + "." + TARGETS + "." + name;
        ConfigReader target = new ConfigReader(merged, prefix, context);

        boolean local = target.bool("local");
        Optional<LaunchSettings> launch = launch(target, name);
        String baseUrl = baseUrl(target, launch);
        if (!(target.value(ConfiguredValues.KEY) instanceof ConfigObject)) {
            throw target.problem(
                    ConfiguredValues.KEY, "an object of your own values such as { admin-email = \"ada@example.com\" }");
        }
        ConfiguredValues values = ConfiguredValues.of(name, target.child(ConfiguredValues.KEY), source);
        ReadySettings ready = ready(target);
        return new TargetSettings(
                name,
                local,
                baseUrl,
                paths(target),
                ready,
                version(target),
                launch,
                BrowserSettingsReader.read(target),
                values,
                services(target, launch, ready),
                HttpSettingsReader.read(target, name));
    }

    /**
     * Validates the target's server keys ({@code console}, {@code ssh}, {@code fixtures}, {@code session},
     * {@code logs}), so that a mistake surfaces before anything connects. See {@code docs/console.md}.
     *
     * @throws TargetConfigException naming the key, its origin and what was expected
     */
    public ServerSettings server(TargetSelection selection) {
        TargetSettings definition = target(selection);
        return ServerSettingsReader.read(reader(definition), definition.name(), definition.local());
    }

    /** The target's keys over {@code defaults}, read with the target's own key names in messages. */
    private ConfigReader reader(TargetSettings definition) {
        Config merged = root.getConfig(TARGETS + "." + definition.name()).withFallback(root.getConfig(DEFAULTS));
        return new ConfigReader(merged, ConfigLoader.ROOT + "." + TARGETS + "." + definition.name(), context);
    }

    /** The named services, sorted; each is checked like the target's own base URL, paths and version. */
    private Map<String, ServiceSettings> services(
            ConfigReader target, Optional<LaunchSettings> launch, ReadySettings ready) {
        String expected = "an object of named services such as { api { base-url = \"https://api.example.com/\" } }";
        if (!target.has(SERVICES)) {
            return Map.of();
        }
        if (!(target.value(SERVICES) instanceof ConfigObject object)) {
            throw target.problem(SERVICES, expected);
        }
        Map<String, ServiceSettings> services = new LinkedHashMap<>();
        for (String name : new TreeSet<>(object.keySet())) {
            if (!TARGET_NAME.matcher(name).matches() || !(object.get(name) instanceof ConfigObject)) {
                throw target.problem(
                        SERVICES + "." + ConfigUtil.joinPath(name),
                        "a service block named with letters, digits, _ or -, such as "
                                + "api { base-url = \"https://api.example.com/\" }");
            }
        }
        for (String name : new TreeSet<>(object.keySet())) {
            ConfigReader service = target.child(SERVICES + "." + ConfigUtil.joinPath(name));
            services.put(
                    name,
                    new ServiceSettings(
                            name,
                            url(service, launch, false),
                            service.has("paths") ? paths(service) : Map.of(),
                            service.optionalString("ready.path", "a path such as / or /health")
                                    .orElse(ready.path()),
                            version(service)));
        }
        return Collections.unmodifiableMap(services);
    }

    /**
     * Validates the target's {@code evidence} keys: what a failed test leaves behind.
     *
     * @throws TargetConfigException naming the key, its origin and what was expected
     */
    public EvidenceSettings evidence(TargetSelection selection) {
        return EvidenceSettingsReader.read(reader(target(selection)));
    }

    /**
     * Validates the target's {@code mail} block (docs/mail.md), before any SMTP server starts or any Maildir is
     * read.
     *
     * @throws TargetConfigException naming the key, its origin and what was expected
     */
    public MailSettings mail(TargetSelection selection) {
        TargetSettings definition = target(selection);
        Config merged = root.getConfig(TARGETS + "." + definition.name()).withFallback(root.getConfig(DEFAULTS));
        return MailSettingsReader.read(
                new ConfigReader(merged, ConfigLoader.ROOT + "." + TARGETS + "." + definition.name(), context),
                definition);
    }

    private String baseUrl(ConfigReader target, Optional<LaunchSettings> launch) {
        return url(target, launch, true);
    }

    /**
     * @param isDefault the target's own base URL, which must hold the {@code {port}} of an application launched
     *     on a free port; a service's may point elsewhere
     */
    private String url(ConfigReader target, Optional<LaunchSettings> launch, boolean isDefault) {
        String expected = "an absolute http or https URL such as https://staging.example.com/";
        if (!target.has("base-url")) {
            throw new TargetConfigException(target.origin("base-url") + ": " + target.key("base-url")
                    + " is not set: expected " + expected + " (from " + source
                    + "). If it is written as ${?SOME_VARIABLE}, that environment variable is not set.");
        }
        String raw = target.string("base-url", expected).trim();
        boolean hasPort = raw.contains(LaunchSettings.PORT_PLACEHOLDER);
        if (hasPort && launch.isEmpty()) {
            throw target.problem(
                    "base-url",
                    expected + " without {port}: {port} is only filled in when the target has a launch block");
        }
        if (isDefault && launch.isPresent() && launch.get().port() == 0 && !hasPort) {
            throw target.problem(
                    "base-url",
                    "a URL with {port} (e.g. http://127.0.0.1:{port}/), because " + target.key("launch.port")
                            + " is 0 and the application gets a free port");
        }
        URI uri = target.httpUrl("base-url", raw.replace(LaunchSettings.PORT_PLACEHOLDER, "1"), expected);
        if (uri.getQuery() != null || uri.getFragment() != null) {
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

    private static ReadySettings ready(ConfigReader target) {
        return new ReadySettings(
                target.bool("ready.enabled"),
                target.string("ready.path", "a path such as / or /health"),
                target.duration("ready.timeout"),
                target.duration("ready.interval"));
    }

    private static VersionSettings version(ConfigReader target) {
        Optional<String> path = target.optionalString("version.path", "a path such as /version");
        Optional<String> expected = target.optionalString("version.expected", "a version or git commit")
                .map(String::trim)
                .filter(value -> !value.isEmpty());
        if (expected.isPresent() && path.isEmpty()) {
            throw new TargetConfigException(target.origin("version.expected") + ": " + target.key("version.expected")
                    + " is set, so " + target.key("version.path")
                    + " is needed: expected a path that answers the deployed version, such as /version");
        }
        return new VersionSettings(path, expected, target.origin("version.expected"));
    }

    private static Optional<LaunchSettings> launch(ConfigReader target, String name) {
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
        // Against the project directory like every path, not launch.working-directory: the log belongs to the
        // test project's target/, not inside the application's folder.
        Path logFile = launch.has("log-file")
                ? launch.path("log-file", "a file path")
                : target.context().projectDirectory().resolve("target/staging-target/" + name + "-app.log");
        return Optional.of(new LaunchSettings(
                mainClass,
                command,
                launch.stringList("args"),
                launch.stringList("jvm-args"),
                launch.stringMap("env", "an object of environment variables such as { PORT = \"{port}\" }"),
                launch.optionalPath("working-directory", "a directory path"),
                launch.port("port"),
                launch.bool("reuse-existing"),
                logFile,
                launch.origin(hasMain ? "main-class" : "command")));
    }

    /**
     * Every setting of a target after falling back to the shared defaults, sorted by key, each with a short
     * origin and whether it is still the default of {@code reference.conf}. Values pass the run's {@link
     * SecretMask}: secret-named keys show only the mask, and secrets inside other values (a password in a
     * URL, a command or an argument list) are masked too.
     */
    public List<ResolvedSetting> settings(String targetName) {
        String path = TARGETS + "." + ConfigUtil.joinPath(targetName);
        Config merged = root.getConfig(path).withFallback(root.getConfig(DEFAULTS));
        String prefix = ConfigLoader.ROOT + "." + path + ".";
        SecretMask mask = context.mask();
        List<ResolvedSetting> settings = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : merged.entrySet()) {
            String key = prefix + entry.getKey();
            ConfigValue value = entry.getValue();
            String shown;
            if (SecretMask.isSecretSetting(key, context.substitutions().wholeValueNamesAt(key, value.unwrapped()))) {
                shown = SecretMask.MASK;
            } else if (value instanceof ConfigList list) {
                shown = render(mask.applyToArguments(
                        list.unwrapped().stream().map(String::valueOf).toList()));
            } else {
                shown = mask.apply(value.render(ConfigRenderOptions.concise()));
            }
            boolean isDefault = defaultValue(path, entry.getKey())
                    .map(fallback -> fallback.unwrapped().equals(value.unwrapped()))
                    .orElse(false);
            settings.add(new ResolvedSetting(
                    key,
                    shown,
                    Origins.brief(value, key, context.substitutions().environmentVariables(key)),
                    isDefault));
        }
        settings.sort(Comparator.comparing(ResolvedSetting::key));
        return settings;
    }

    private Optional<ConfigValue> defaultValue(String targetPath, String key) {
        for (String candidate : List.of(targetPath + "." + key, DEFAULTS + "." + key)) {
            if (reference.hasPath(candidate)) {
                return Optional.of(reference.getValue(candidate));
            }
        }
        return Optional.empty();
    }

    private static String render(List<String> strings) {
        return strings.stream()
                .map(string -> ConfigValueFactory.fromAnyRef(string).render(ConfigRenderOptions.concise()))
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    public String toString() {
        return "StagingTargetConfig from " + source + ", targets " + targetNames();
    }
}
