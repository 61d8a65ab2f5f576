package io.github.stagingtarget.doctor;

import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.ResolvedSetting;
import io.github.stagingtarget.config.ServerDefinition;
import io.github.stagingtarget.config.StagingTargetConfig;
import io.github.stagingtarget.config.TargetConfigException;
import io.github.stagingtarget.config.TargetDefinition;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.config.TargetSelector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A preflight for a target, run before the tests: prints the resolved configuration with each value's
 * origin (secrets masked), then checks what the tests will need, each as OK or FAIL with a hint.
 *
 * <pre>
 * java -cp TEST_CLASS_PATH io.github.stagingtarget.doctor.Doctor [--target NAME] [--config FILE]
 * </pre>
 *
 * The target is chosen as for the tests ({@code -Dtarget}, {@code STAGING_TARGET}, {@code default-target},
 * {@code local}), unless {@code --target} names one. Exit status 0 when every check passed, 1 otherwise,
 * 2 for bad usage.
 */
public final class Doctor {

    private final PrintStream out;

    public Doctor(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new Doctor(System.out).run(args));
    }

    /** @return the exit status */
    public int run(String... args) {
        Optional<String> target = Optional.empty();
        Optional<String> config = Optional.ofNullable(System.getProperty(ConfigLoader.CONFIG_FILE_PARAMETER));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--target") && i + 1 < args.length) {
                target = Optional.of(args[++i]);
            } else if (args[i].equals("--config") && i + 1 < args.length) {
                config = Optional.of(args[++i]);
            } else {
                out.println("usage: Doctor [--target NAME] [--config FILE]");
                return 2;
            }
        }
        return diagnose(target, config);
    }

    private int diagnose(Optional<String> targetArgument, Optional<String> configFile) {
        StagingTargetConfig config;
        TargetSelection selection;
        TargetDefinition definition;
        ServerDefinition server;
        try {
            ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(Doctor.class.getClassLoader());
            config = ConfigLoader.load(loader, configFile, System.getProperties());
            selection = targetArgument
                    .map(name -> new TargetSelection(name, "--target"))
                    .orElseGet(() -> TargetSelector.select(
                            name -> Optional.ofNullable(System.getProperty(name)),
                            name -> Optional.ofNullable(System.getenv(name)),
                            name -> Optional.empty(),
                            config.defaultTarget()));
            definition = config.target(selection);
            server = config.server(selection);
        } catch (TargetConfigException e) {
            print(CheckResult.fail("configuration", e.getMessage(), "fix the key named above"));
            return 1;
        }

        out.println("StagingTarget doctor: target '" + selection.name() + "' (chosen by " + selection.chosenBy() + ")");
        out.println("Configuration from " + config.source());
        for (ResolvedSetting setting : config.settings(selection.name())) {
            out.println("  " + setting.key() + " = " + setting.value() + "    # " + setting.origin());
        }
        out.println();
        out.println("Checks");
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.ok("configuration", "target '" + definition.name() + "' is valid"));
        results.add(ServerChecks.ssh(server));
        if (definition.launch().isPresent()) {
            results.add(CheckResult.ok("launch", "the application is started by the tests; readiness is checked then"));
            results.add(ServerChecks.browser(definition));
        } else {
            ConfiguredTarget target = ConfiguredTarget.of(definition);
            results.add(HttpChecks.ready(target));
            results.add(HttpChecks.version(target));
            results.add(ServerChecks.browser(definition));
        }
        results.forEach(this::print);
        long failed = results.stream().filter(result -> !result.ok()).count();
        out.println();
        out.println(failed == 0 ? "All checks passed." : failed + " check" + (failed == 1 ? "" : "s") + " failed.");
        return failed == 0 ? 0 : 1;
    }

    private void print(CheckResult result) {
        out.printf("  [%s] %-14s %s%n", result.ok() ? " OK " : "FAIL", result.name(), result.detail());
        result.hint().ifPresent(hint -> out.println("         hint: " + hint));
    }
}
