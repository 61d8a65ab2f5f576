package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How to start the application under test for a local target: either {@code mainClass} run in a child JVM
 * on the test class path, or an external {@code command}. {@code port} 0 means "pick a free port"; the
 * chosen port replaces {@code {port}} in the base URL, the command, the arguments and the environment.
 */
@API(status = INTERNAL, since = "0.1")
public record LaunchSettings(
        Optional<String> mainClass,
        List<String> command,
        List<String> args,
        List<String> jvmArgs,
        Map<String, String> environment,
        Optional<Path> workingDirectory,
        int port,
        boolean reuseExisting,
        Path logFile,
        String origin) {

    public static final String PORT_PLACEHOLDER = "{port}";
}
