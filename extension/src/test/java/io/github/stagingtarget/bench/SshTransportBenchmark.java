package io.github.stagingtarget.bench;

import io.github.stagingtarget.console.ssh.SshConsole;
import io.github.stagingtarget.console.ssh.SshSettings;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import io.github.stagingtarget.fixtures.FixturePlan;
import io.github.stagingtarget.fixtures.FixtureRunner;
import io.github.stagingtarget.fixtures.FixtureScript;
import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.login.CommandSessions;
import io.github.stagingtarget.login.PreparedSessions;
import io.github.stagingtarget.login.SessionSettings;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.session.Sessions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Per-class fixture cost over SSH (reset + 2 seeds + 1 session key, trivial commands), three ways: our
 * console (one script round trip + one session command on a kept connection), one new {@code ssh} process
 * per command, and OpenSSH ControlMaster multiplexing. Run by {@code bench/ssh-transport.sh}, which starts
 * the sshd. Arguments: PORT USER KEY KNOWN_HOSTS CONTROL_SOCKET RUNS. Prints a Markdown table.
 */
public final class SshTransportBenchmark {

    private SshTransportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String user = args[1];
        Path key = Path.of(args[2]);
        Path knownHosts = Path.of(args[3]);
        String socket = args[4];
        int runs = Integer.parseInt(args[5]);

        SecretMask mask = new SecretMask();
        SshSettings settings = new SshSettings(
                "bench",
                "127.0.0.1",
                port,
                user,
                Optional.of(key),
                Optional.empty(),
                Optional.empty(),
                knownHosts,
                HostKeyPolicy.STRICT,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(15),
                8,
                "bench");
        FixtureSettings fixtures = new FixtureSettings(
                true,
                Optional.of("true"),
                Optional.of("echo {file} > /dev/null"),
                Duration.ofSeconds(30),
                "bench.fixtures",
                "bench");
        SessionSettings sessionSettings =
                new SessionSettings(Optional.of("echo key-{email}"), "session", "bench.session");
        FixtureRunner runner = new FixtureRunner(
                "bench", fixtures, sessionSettings, SshTransportBenchmark.class.getClassLoader(), mask);
        List<String> seeds = List.of("fixtures/users.json", "fixtures/lists.json");
        FixturePlan plan = new FixturePlan(true, seeds, List.of(), "bench");
        FixturePlan planWithSession = new FixturePlan(true, seeds, List.of("ada@example.com"), "bench");

        List<String> ssh = List.of(
                "ssh",
                "-F",
                "none",
                "-i",
                key.toString(),
                "-p",
                Integer.toString(port),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "UserKnownHostsFile=" + knownHosts,
                "-o",
                "ControlPath=" + socket);
        List<String> classCommands =
                List.of("true", "echo seed1 > /dev/null", "echo seed2 > /dev/null", "echo key-ada@example.com");

        try (SshConsole console =
                new SshConsole(settings, Map.<String, String>of()::get, mask, Duration.ofSeconds(30))) {
            Sessions sessions = new CommandSessions("bench", sessionSettings, console, mask, new PreparedSessions());
            // @ResetDatabase @Seed(2 files), then sessions.create(email) in a test: two round trips.
            Runnable consoleClass = () -> {
                FixtureScript script = runner.prepare(plan);
                runner.run(script, "bench", () -> console);
                sessions.create("ada@example.com");
            };
            // The same with @PreAuthenticated(email): the session is made in the fixture round trip.
            Runnable consoleClassPreAuthenticated = () -> {
                PreparedSessions prepared = new PreparedSessions();
                runner.run(runner.prepare(planWithSession), "bench", () -> console)
                        .forEach(prepared::add);
                new CommandSessions("bench", sessionSettings, console, mask, prepared).create("ada@example.com");
            };
            consoleClass.run(); // connects once: the connection is paid once per run, not per class
            double ours = median(runs, consoleClassPreAuthenticated);
            double oursTwoTrips = median(runs, consoleClass);
            double oursExec = median(runs, () -> console.run("true").requireSuccess());

            double perProcess = median(runs, () -> classCommands.forEach(c -> exec(ssh, "-o", "ControlMaster=no", c)));
            double perProcessExec = median(runs, () -> exec(ssh, "-o", "ControlMaster=no", "true"));

            exec(ssh, "-o", "ControlMaster=yes", "-o", "ControlPersist=yes", "-f", "-N");
            try {
                double muxExec = median(runs, () -> exec(ssh, "-o", "ControlMaster=no", "true"));
                double muxClass =
                        median(runs, () -> classCommands.forEach(c -> exec(ssh, "-o", "ControlMaster=no", c)));
                System.out.println(
                        table(runs, ours, oursTwoTrips, oursExec, perProcess, perProcessExec, muxClass, muxExec));
            } finally {
                exec(ssh, "-O", "exit");
            }
        }
    }

    private static String table(
            int runs,
            double ours,
            double oursTwoTrips,
            double oursExec,
            double perProcess,
            double perProcessExec,
            double muxClass,
            double muxExec) {
        String nl = System.lineSeparator();
        return "| Transport | one class: reset + 2 seeds + 1 session key | one command |" + nl
                + "|---|---:|---:|" + nl
                + row("StagingTarget console, `@PreAuthenticated`: fixtures and session in one script", ours, oursExec)
                + row("StagingTarget console, `sessions.create` in the test: two round trips", oursTwoTrips, oursExec)
                + row("OpenSSH ControlMaster (one `ssh -S` process per command)", muxClass, muxExec)
                + row("new `ssh` process per command", perProcess, perProcessExec)
                + nl
                + "Medians of " + runs + " runs, in milliseconds. Ratios: our class vs one ControlMaster exec "
                + fmt(ours / muxExec) + "× (target ≤ 1.2×); new ssh process per command vs our class "
                + fmt(perProcess / ours) + "× slower (target ≥ 3×)." + nl;
    }

    private static String row(String name, double perClass, double perCommand) {
        return "| " + name + " | " + fmt(perClass) + " | " + fmt(perCommand) + " |" + System.lineSeparator();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static double median(int runs, Runnable action) {
        action.run(); // warm-up
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            action.run();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        return runs % 2 == 1 ? millis.get(runs / 2) : (millis.get(runs / 2 - 1) + millis.get(runs / 2)) / 2;
    }

    private static void exec(List<String> ssh, String... more) {
        List<String> command = new ArrayList<>(ssh);
        List<String> extra = List.of(more);
        // Options go before the destination, the remote command after it.
        boolean hasCommand =
                extra.size() % 2 == 1 && !extra.get(extra.size() - 1).startsWith("-");
        command.addAll(hasCommand ? extra.subList(0, extra.size() - 1) : extra);
        command.add(System.getProperty("user.name") + "@127.0.0.1");
        if (hasCommand) {
            command.add(extra.get(extra.size() - 1));
        }
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
