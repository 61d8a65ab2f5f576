package io.github.stagingtarget.runlock;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Who a run is, as the holder of the run lock writes it next to the lock for the runs that wait: user, host,
 * process, CI job (from the variables the common CI servers set), target and since when. One line.
 *
 * <pre>{@code
 * RunOwner.of("staging", System::getenv, Instant.now()).describe()
 * // user ci on host runner-7 (pid 4242), GitHub Actions run https://github.com/o/r/actions/runs/42 (workflow CI),
 * // target 'staging', since 2026-12-03T23:10:04Z
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class RunOwner {

    private final String text;

    private RunOwner(String text) {
        this.text = text;
    }

    public static RunOwner of(String target, Function<String, String> environment, Instant since) {
        List<String> parts = new ArrayList<>();
        parts.add("user " + System.getProperty("user.name") + " on host " + hostName(environment) + " (pid "
                + ProcessHandle.current().pid() + ")");
        ciJob(environment).ifPresent(parts::add);
        parts.add("target '" + target + "'");
        parts.add("since " + since.truncatedTo(ChronoUnit.SECONDS));
        // One line: it is read back with `head -n 1`.
        return new RunOwner(String.join(", ", parts).replaceAll("[\\r\\n]+", " "));
    }

    /** The CI job from the variables of GitHub Actions, GitLab, Jenkins, CircleCI, Buildkite, Azure, Travis. */
    static Optional<String> ciJob(Function<String, String> environment) {
        Function<String, Optional<String>> env =
                name -> Optional.ofNullable(environment.apply(name)).filter(value -> !value.isBlank());
        Optional<String> githubRun = env.apply("GITHUB_RUN_ID");
        if (githubRun.isPresent()) {
            String run = env.apply("GITHUB_REPOSITORY")
                    .map(repository -> env.apply("GITHUB_SERVER_URL").orElse("https://github.com") + "/" + repository
                            + "/actions/runs/" + githubRun.get())
                    .orElse(githubRun.get());
            return Optional.of("GitHub Actions run " + run
                    + env.apply("GITHUB_WORKFLOW")
                            .map(w -> " (workflow " + w + ")")
                            .orElse(""));
        }
        Optional<String> gitlab = env.apply("CI_JOB_URL");
        if (gitlab.isPresent()) {
            return Optional.of("GitLab job " + gitlab.get());
        }
        for (String[] server : new String[][] {
            {"BUILD_URL", "Jenkins build "},
            {"CIRCLE_BUILD_URL", "CircleCI job "},
            {"BUILDKITE_BUILD_URL", "Buildkite build "},
            {"TRAVIS_JOB_WEB_URL", "Travis job "}
        }) {
            Optional<String> url = env.apply(server[0]);
            if (url.isPresent()) {
                return Optional.of(server[1] + url.get());
            }
        }
        Optional<String> azure = env.apply("BUILD_BUILDID");
        if (azure.isPresent()) {
            return Optional.of("Azure Pipelines build " + azure.get()
                    + env.apply("BUILD_DEFINITIONNAME").map(p -> " (" + p + ")").orElse(""));
        }
        return env.apply("CI").filter(ci -> !ci.equalsIgnoreCase("false")).map(ci -> "a CI job");
    }

    private static String hostName(Function<String, String> environment) {
        String variable = environment.apply("HOSTNAME");
        if (variable != null && !variable.isBlank()) {
            return variable;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public String describe() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
