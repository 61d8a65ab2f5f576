package io.github.stagingtarget.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.LaunchSettings;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.http.ReadinessProbe;
import io.github.stagingtarget.http.ReadinessWait;
import io.github.stagingtarget.http.client.HttpClientSetup;
import io.github.stagingtarget.process.ProcessTree;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Starts the application under test for a target with a launch block and waits until its ready path
 * answers, the way Playwright's {@code webServer} does. A main class runs in a child JVM on the given class
 * path; a command runs as it is. Either starts as the root of a {@link ProcessTree}, so that it and every
 * process it starts stop with the run, even when the test JVM is killed. Output goes to the configured log
 * file, whose tail is quoted when the application exits early or never gets ready.
 */
@API(status = INTERNAL, since = "0.1")
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

    public RunningApplication launch(TargetSettings definition) throws InterruptedException {
        return launch(definition, Map.of());
    }

    /**
     * @param placeholders more placeholders to fill in the command, arguments and environment besides
     *     {@code {port}}, such as the embedded SMTP server's {@code {smtp-port}}
     */
    public RunningApplication launch(TargetSettings definition, Map<String, String> placeholders)
            throws InterruptedException {
        LaunchSettings spec = definition
                .launch()
                .orElseThrow(
                        () -> new IllegalArgumentException("Target '" + definition.name() + "' has no launch block"));
        int port = spec.port() > 0 ? spec.port() : FreePort.pick();
        ConfiguredTarget target =
                definition.needsPort() ? ConfiguredTarget.onPort(definition, port) : ConfiguredTarget.of(definition);
        URI readyUrl = target.resolve(definition.ready().path());
        ReadinessProbe probe = new ReadinessProbe(readyUrl, Duration.ofSeconds(2), HttpClientSetup.forTarget(target));

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

        Map<String, String> values = new java.util.LinkedHashMap<>(placeholders);
        values.put(LaunchSettings.PORT_PLACEHOLDER, Integer.toString(port));
        List<String> command = command(spec, values);
        requireExecutable(definition, spec, command);
        ProcessTree tree = processTree(definition, spec);
        Process process = start(definition, spec, command, values, tree);
        try {
            awaitReady(definition, spec, process, probe, tree, port);
        } catch (InterruptedException | RuntimeException e) {
            RunningApplication.stop(tree, process);
            throw e;
        }
        return RunningApplication.started(target, process, tree, spec.logFile());
    }

    private static ProcessTree processTree(TargetSettings definition, LaunchSettings spec) {
        try {
            return ProcessTree.create();
        } catch (StagingTargetException e) {
            throw new LaunchException(
                    "Cannot launch the application for target '" + definition.name() + "': " + e.getMessage() + " ("
                            + spec.origin() + ")",
                    e);
        }
    }

    private Process start(
            TargetSettings definition,
            LaunchSettings spec,
            List<String> command,
            Map<String, String> placeholders,
            ProcessTree tree) {
        ProcessBuilder builder = new ProcessBuilder(tree.inNewSession(command)).redirectErrorStream(true);
        spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
        for (Map.Entry<String, String> variable : spec.environment().entrySet()) {
            builder.environment().put(variable.getKey(), fill(variable.getValue(), placeholders));
        }
        builder.environment().putAll(tree.environment());
        Path log = spec.logFile();
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            // Standard input stays a pipe that we never write to, as before a terminal nobody types into.
            process = builder.start();
        } catch (IOException e) {
            throw new LaunchException(
                    "Cannot launch the application for target '" + definition.name() + "' with "
                            + String.join(" ", command) + ": " + e.getMessage() + " (" + spec.origin() + ")",
                    e);
        }
        tree.add(process.toHandle());
        return process;
    }

    /**
     * A missing program is reported here, with the command, rather than by {@code setsid} as an exit code
     * and a line in the application's log.
     */
    private static void requireExecutable(TargetSettings definition, LaunchSettings spec, List<String> command) {
        String program = command.get(0);
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return; // PATHEXT and friends: left to ProcessBuilder, which names a missing program itself
        }
        boolean found;
        String problem;
        if (program.contains("/")) {
            Path file = spec.workingDirectory().orElse(Path.of("")).resolve(program);
            found = Files.isRegularFile(file) && Files.isExecutable(file);
            problem = Files.exists(file) ? program + " is not an executable file" : program + " does not exist";
        } else {
            String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
            found = Arrays.stream(path.split(File.pathSeparator))
                    .filter(directory -> !directory.isEmpty())
                    .map(directory -> Path.of(directory, program))
                    .anyMatch(file -> Files.isRegularFile(file) && Files.isExecutable(file));
            problem = "no executable " + program + " on PATH (" + path + ")";
        }
        if (!found) {
            throw new LaunchException("Cannot launch the application for target '" + definition.name() + "' with "
                    + String.join(" ", command) + ": " + problem + " (" + spec.origin() + ")");
        }
    }

    private void awaitReady(
            TargetSettings definition,
            LaunchSettings spec,
            Process process,
            ReadinessProbe probe,
            ProcessTree tree,
            int port)
            throws InterruptedException {
        Path log = spec.logFile();
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
        // The port was free when chosen, but not reserved: another process may have taken it before the
        // application could, and answered in its place. Testing that process would pass or fail for nothing.
        boolean probedOurPort = probesPort(probe.url(), port);
        Optional<String> stranger = probedOurPort ? tree.foreignListener(port) : Optional.empty();
        if (!process.isAlive() || stranger.isPresent()) {
            throw new LaunchException("The application for target '" + definition.name() + "' "
                    + (process.isAlive() ? "did not get port " + port : "exited with code " + process.exitValue())
                    + ", yet " + probe.url() + " answered: "
                    + stranger.map(owner -> owner + ", which this run did not start, listens there")
                            .orElse("another process listens there in its place")
                    + ". "
                    + (spec.port() > 0
                            ? "Stop that process, or choose another launch.port (" + spec.origin() + ")."
                            : "It took the free port picked for the application before the application bound it;"
                                    + " run again to get another one.")
                    + " Last lines of " + log + ":" + System.lineSeparator() + LogTail.lastLines(log, TAIL_LINES));
        }
    }

    /** The readiness URL is this machine's {@code port}, where /proc can tell who listens. */
    private static boolean probesPort(URI url, int port) {
        int probed = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String host = Optional.ofNullable(url.getHost()).orElse("");
        return probed == port
                && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    private List<String> command(LaunchSettings spec, Map<String, String> placeholders) {
        List<String> command = new ArrayList<>();
        if (spec.mainClass().isPresent()) {
            command.add(javaExecutable);
            spec.jvmArgs().forEach(arg -> command.add(fill(arg, placeholders)));
            command.add("-cp");
            command.add(classPath);
            command.add(spec.mainClass().get());
        } else {
            spec.command().forEach(arg -> command.add(fill(arg, placeholders)));
        }
        spec.args().forEach(arg -> command.add(fill(arg, placeholders)));
        return command;
    }

    private static String fill(String value, Map<String, String> placeholders) {
        String filled = value;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace(placeholder.getKey(), placeholder.getValue());
        }
        return filled;
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
