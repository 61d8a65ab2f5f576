package io.github.stagingtarget.launch;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.LaunchSpec;
import io.github.stagingtarget.config.TargetDefinition;
import io.github.stagingtarget.http.ReadinessProbe;
import io.github.stagingtarget.http.ReadinessWait;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the application under test for a target with a launch block and waits until its ready path
 * answers, the way Playwright's {@code webServer} does. A main class runs in a child JVM on the given class
 * path, through {@link ChildJvmMain} so that it dies with the test JVM; a command runs as it is. Output goes
 * to the configured log file, whose tail is quoted when the application exits early or never gets ready.
 */
public final class ApplicationLauncher {

    private static final int TAIL_LINES = 25;

    private final String javaExecutable;
    private final String classPath;

    /**
     * @param javaExecutable the {@code java} binary for child JVMs
     * @param classPath the class path for child JVMs, normally the test JVM's own
     */
    public ApplicationLauncher(String javaExecutable, String classPath) {
        this.javaExecutable = javaExecutable;
        this.classPath = classPath;
    }

    /** Uses the running JVM's {@code java} and class path. */
    public static ApplicationLauncher forThisJvm() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ApplicationLauncher(java.toString(), System.getProperty("java.class.path"));
    }

    public RunningApplication launch(TargetDefinition definition) throws InterruptedException {
        LaunchSpec spec = definition
                .launch()
                .orElseThrow(
                        () -> new IllegalArgumentException("Target '" + definition.name() + "' has no launch block"));
        int port = spec.port() > 0 ? spec.port() : FreePort.pick();
        ConfiguredTarget target =
                definition.needsPort() ? ConfiguredTarget.onPort(definition, port) : ConfiguredTarget.of(definition);
        URI readyUrl = target.resolve(definition.ready().path());
        ReadinessProbe probe = new ReadinessProbe(readyUrl, Duration.ofSeconds(2));

        if (spec.port() > 0 && !isFree(spec.port())) {
            if (spec.reuseExisting() && probe.isReady()) {
                return RunningApplication.reused(target);
            }
            throw new LaunchException("Cannot launch the application for target '" + definition.name()
                    + "': port " + spec.port() + " is already in use"
                    + (spec.reuseExisting()
                            ? ", and " + readyUrl + " does not answer as ready (" + probe.lastProblem() + ")"
                            : "")
                    + ". Stop whatever listens there, set launch.port = 0 for a free port"
                    + (spec.reuseExisting() ? "" : ", or set launch.reuse-existing = true to test the running server")
                    + " (" + spec.origin() + ")");
        }

        List<String> command = command(spec, port);
        Process process = start(definition, spec, command, port);
        try {
            awaitReady(definition, spec, process, probe);
        } catch (InterruptedException | RuntimeException e) {
            RunningApplication.stop(process);
            throw e;
        }
        return RunningApplication.started(target, process, spec.logFile());
    }

    private Process start(TargetDefinition definition, LaunchSpec spec, List<String> command, int port) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        for (Map.Entry<String, String> variable : spec.environment().entrySet()) {
            builder.environment().put(variable.getKey(), withPort(variable.getValue(), port));
        }
        Path log = resolveLog(spec);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            // Standard input stays a pipe that we never write to: ChildJvmMain exits when it closes.
            return builder.start();
        } catch (IOException e) {
            throw new LaunchException(
                    "Cannot launch the application for target '" + definition.name() + "' with "
                            + String.join(" ", command) + ": " + e.getMessage() + " (" + spec.origin() + ")",
                    e);
        }
    }

    private static Path resolveLog(LaunchSpec spec) {
        return spec.workingDirectory().map(dir -> dir.resolve(spec.logFile())).orElse(spec.logFile());
    }

    private void awaitReady(TargetDefinition definition, LaunchSpec spec, Process process, ReadinessProbe probe)
            throws InterruptedException {
        Path log = resolveLog(spec);
        try {
            ReadinessWait.await(probe, definition.ready(), () -> {
                if (!process.isAlive()) {
                    throw new LaunchException("The application for target '" + definition.name()
                            + "' exited with code " + process.exitValue() + " before " + probe.url()
                            + " answered. Last lines of " + log + ":" + System.lineSeparator()
                            + LogTail.lastLines(log, TAIL_LINES));
                }
            });
        } catch (ReadinessWait.NotReadyException e) {
            throw new LaunchException("The application for target '" + definition.name() + "' " + e.getMessage()
                    + "; raise ready.timeout if it needs longer. Last lines of " + log + ":"
                    + System.lineSeparator() + LogTail.lastLines(log, TAIL_LINES));
        }
    }

    private List<String> command(LaunchSpec spec, int port) {
        List<String> command = new ArrayList<>();
        if (spec.mainClass().isPresent()) {
            command.add(javaExecutable);
            spec.jvmArgs().forEach(arg -> command.add(withPort(arg, port)));
            command.add("-cp");
            command.add(classPath);
            command.add(ChildJvmMain.class.getName());
            command.add(spec.mainClass().get());
        } else {
            spec.command().forEach(arg -> command.add(withPort(arg, port)));
        }
        spec.args().forEach(arg -> command.add(withPort(arg, port)));
        return command;
    }

    private static String withPort(String value, int port) {
        return value.replace(LaunchSpec.PORT_PLACEHOLDER, Integer.toString(port));
    }

    private static boolean isFree(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
