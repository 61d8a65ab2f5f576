package io.github.stagingtarget.doctor;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.stagingtarget.config.ClassLoaders;
import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.PersonalConfig;
import io.github.stagingtarget.config.ResolvedSetting;
import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.config.StagingTargetConfig;
import io.github.stagingtarget.config.TargetConfigException;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.config.TargetSelector;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.http.client.HttpClientSetup;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A preflight for a target, run before the tests: prints what the user configured (the values that differ
 * from the defaults, each with a short origin, secrets masked), which targets allow destructive fixtures,
 * then checks what the tests will need, each as OK or FAIL with a hint.
 *
 * <pre>
 * mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.1:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.stagingtarget.doctor.Doctor -Dtarget=staging
 * java -cp TEST_CLASS_PATH io.github.stagingtarget.doctor.Doctor [--target NAME] [--config FILE] [--all]
 *     [--project-dir DIR]
 * </pre>
 *
 * The target and the configuration file are chosen exactly as for the tests ({@link TargetSelector}: {@code
 * -Dtarget}, {@code STAGING_TARGET}, {@code stagingtarget.target} from {@code -D} or {@code
 * junit-platform.properties}, {@code default-target}, {@code local}), unless {@code --target} or {@code
 * --config} says otherwise. Relative paths in the configuration are resolved against {@code --project-dir},
 * by default the working directory, as in the tests. Exit status 0 when every check passed, 1 otherwise, 2
 * for bad usage.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Doctor {

    static final String USAGE =
            "usage: Doctor [--target NAME] [--config FILE] [--all] [--project-dir DIR]  (see docs/configuration.md)";

    /** What the doctor reads besides its arguments; the process's own by default, chosen in tests. */
    record Environment(
            Map<?, ?> systemProperties,
            Function<String, String> variables,
            ClassLoader classLoader,
            Path workingDirectory) {

        static Environment ofThisProcess() {
            ClassLoader loader = ClassLoaders.contextOr(Doctor.class);
            return new Environment(System.getProperties(), System::getenv, loader, ConfigLoader.projectDirectory());
        }
    }

    private final PrintStream out;
    private final Environment environment;

    public Doctor(PrintStream out) {
        this(out, Environment.ofThisProcess());
    }

    Doctor(PrintStream out, Environment environment) {
        this.out = out;
        this.environment = environment;
    }

    public static void main(String[] args) {
        QuietLibraries.quiet();
        System.exit(new Doctor(System.out).run(args));
    }

    private record Options(Optional<String> target, Optional<String> config, boolean all, Optional<Path> projectDir) {}

    /** @return the exit status */
    public int run(String... args) {
        Optional<String> target = Optional.empty();
        Optional<String> config = Optional.empty();
        Optional<Path> projectDir = Optional.empty();
        boolean all = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--target") && i + 1 < args.length) {
                target = Optional.of(args[++i]);
            } else if (args[i].equals("--config") && i + 1 < args.length) {
                config = Optional.of(args[++i]);
            } else if (args[i].equals("--project-dir") && i + 1 < args.length) {
                projectDir = Optional.of(Path.of(args[++i]));
            } else if (args[i].equals("--all")) {
                all = true;
            } else {
                out.println(USAGE);
                return 2;
            }
        }
        return diagnose(new Options(target, config, all, projectDir));
    }

    private int diagnose(Options options) {
        Function<String, Optional<String>> parameters =
                ConfigurationParameters.of(environment.systemProperties(), environment.classLoader());
        StagingTargetConfig config;
        TargetSelection selection;
        TargetSettings definition;
        ServerSettings server;
        try {
            Path projectDirectory = options.projectDir()
                    .map(dir -> environment.workingDirectory().resolve(dir).normalize())
                    .orElse(environment.workingDirectory());
            config = ConfigLoader.load(
                    environment.classLoader(),
                    options.config().or(() -> parameters.apply(ConfigLoader.CONFIG_FILE_PARAMETER)),
                    environment.systemProperties(),
                    environment.variables(),
                    projectDirectory,
                    PersonalConfig.locate(
                            parameters.apply(PersonalConfig.PARAMETER),
                            environment.systemProperties(),
                            environment.variables(),
                            projectDirectory));
            StagingTargetConfig loaded = config;
            selection = options.target()
                    .map(name -> new TargetSelection(name, "--target"))
                    .orElseGet(() -> TargetSelector.select(
                            new TargetSelector.Sources(
                                    parameters,
                                    name -> Optional.ofNullable(environment
                                                    .systemProperties()
                                                    .get(name))
                                            .map(String::valueOf),
                                    name -> Optional.ofNullable(
                                            environment.variables().apply(name))),
                            loaded.defaultSelection()));
            definition = config.target(selection);
            HttpClientSetup.validate(definition.http());
            server = config.server(selection);
        } catch (TargetConfigException e) {
            print(CheckResult.fail("configuration", e.getMessage(), "fix the key named above"), SecretMask::redact);
            return 1;
        }
        SecretMask mask = config.mask();

        out.println("StagingTarget doctor: target '" + selection.name() + "' (chosen by " + selection.chosenBy() + ")");
        out.println("Configuration from " + config.source());
        out.println("Personal overrides from " + config.personal());
        printSettings(config.settings(selection.name()), options.all());
        out.println(fixtures(config));
        out.println();
        out.println("Checks");
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.ok("configuration", "target '" + definition.name() + "' is valid"));
        HttpClientSetup.insecureWarning(definition.http())
                .ifPresent(warning -> results.add(CheckResult.warn(
                        "tls insecure", warning, "trust the server's CA with http.tls.trust instead")));
        results.add(ServerChecks.ssh(server, mask));
        results.add(ServerChecks.runLock(server, mask));
        if (definition.launch().isPresent()) {
            results.add(CheckResult.ok("launch", "the application is started by the tests; readiness is checked then"));
            definition
                    .services()
                    .keySet()
                    .forEach(service -> results.add(CheckResult.ok(
                            "ready " + service,
                            "service '" + service + "' is checked when the tests start the application")));
            results.add(ServerChecks.browser(definition));
        } else {
            ConfiguredTarget target = ConfiguredTarget.of(definition);
            results.add(HttpChecks.ready(target));
            results.addAll(HttpChecks.tlsAndGate(target));
            results.add(HttpChecks.version(target));
            for (ConfiguredTarget service : target.namedServices()) {
                results.add(HttpChecks.ready(service));
                results.addAll(HttpChecks.tlsAndGate(service));
                results.add(HttpChecks.version(service));
            }
            results.add(ServerChecks.browser(definition));
        }
        results.forEach(result -> print(result, mask::apply));
        long failed = results.stream().filter(result -> !result.ok()).count();
        out.println();
        out.println(failed == 0 ? "All checks passed." : failed + " check" + (failed == 1 ? "" : "s") + " failed.");
        return failed == 0 ? 0 : 1;
    }

    private void printSettings(List<ResolvedSetting> settings, boolean all) {
        List<ResolvedSetting> shown =
                all ? settings : settings.stream().filter(s -> !s.isDefault()).toList();
        out.println(
                all
                        ? "Settings (all " + settings.size() + "):"
                        : "Settings that differ from the defaults (" + (settings.size() - shown.size())
                                + " more at their defaults: --all shows them):");
        for (ResolvedSetting setting : shown) {
            out.println("  " + setting.key() + " = " + setting.value() + "    # " + setting.origin());
        }
    }

    /** Which targets the production guard lets reset and seed, and where that was set. */
    static String fixtures(StagingTargetConfig config) {
        Map<String, String> allowed = config.fixturesAllowed();
        if (allowed.isEmpty()) {
            return "Fixtures (@ResetDatabase, @Seed): refused on every target (no target sets fixtures.allowed).";
        }
        return "Fixtures (@ResetDatabase, @Seed): allowed on "
                + allowed.entrySet().stream()
                        .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                        .collect(Collectors.joining(", "))
                + "; refused on every other target.";
    }

    private void print(CheckResult result, Function<String, String> mask) {
        out.printf("  [%s] %-14s %s%n", result.label(), result.name(), mask.apply(result.detail()));
        result.hint().ifPresent(hint -> out.println("         hint: " + hint));
    }
}
