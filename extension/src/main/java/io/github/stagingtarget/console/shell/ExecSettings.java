package io.github.stagingtarget.console.shell;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How an {@link ExecConsole} reaches the target: the command that, run on this machine, opens a POSIX shell in
 * the target's environment reading a script from standard input.
 *
 * @param target the target's name, for messages
 * @param command the command and its arguments, run without a shell: e.g. {@code kubectl exec -i -n staging
 *     deploy/web -c app -- sh -s}
 * @param key the full configuration key of {@code command}, for messages
 * @param origin where {@code command} was set, e.g. {@code staging-target.conf:12}
 * @param workingDirectory where the command runs on this machine
 * @param environment variables added to the command's environment on this machine (KUBECONFIG, DOCKER_HOST…)
 */
@API(status = INTERNAL, since = "0.1")
public record ExecSettings(
        String target,
        List<String> command,
        String key,
        String origin,
        Optional<Path> workingDirectory,
        Map<String, String> environment) {

    public ExecSettings {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("The command of an exec console cannot be empty");
        }
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
