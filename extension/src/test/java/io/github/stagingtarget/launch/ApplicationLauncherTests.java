package io.github.stagingtarget.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.http.ReadinessProbe;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Survivors;
import io.github.stagingtarget.testsupport.TinyHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationLauncherTests {

    @TempDir
    Path dir;

    private TargetSettings local(String launchSettings) {
        return local("http://127.0.0.1:{port}/", launchSettings);
    }

    private TargetSettings local(String baseUrl, String launchSettings) {
        Path config = ConfigFiles.write(
                dir, """
                staging-target.targets.local {
                  base-url = "%s"
                  ready { path = "/health", timeout = 3s, interval = 50ms }
                  launch {
                    main-class = "%s"
                    log-file = "%s"
                    %s
                  }
                }
                """.formatted(baseUrl, TinyHttpServer.class.getName(), dir.resolve("app.log"), launchSettings));
        return ConfigLoader.load(getClass().getClassLoader(), Optional.of(config.toString()), Map.of())
                .target(new TargetSelection("local", "a test"));
    }

    private static boolean answers(RunningApplication app) throws InterruptedException {
        return new ReadinessProbe(app.target().resolve("/health"), Duration.ofSeconds(1)).isReady();
    }

    @Test
    void startsOnAFreePortWaitsUntilReadyAndStopsTheProcess() throws Exception {
        ProcessHandle process;
        Path log;
        try (RunningApplication app = ApplicationLauncher.forThisJvm().launch(local("args = [\"{port}\"]"))) {
            process = app.process().orElseThrow();
            log = app.logFile().orElseThrow();
            assertThat(process.isAlive()).isTrue();
            assertThat(app.target().baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
            assertThat(answers(app)).isTrue();
        }
        assertThat(process.isAlive()).as("stopped on close").isFalse();
        assertThat(Files.readString(log)).contains("Listening on http://127.0.0.1:");
    }

    @Test
    void portReachesTheEnvironmentToo() throws Exception {
        Path pidFile = dir.resolve("pid");
        try (RunningApplication app = ApplicationLauncher.forThisJvm()
                .launch(local("args = [\"{port}\"], env { PID_FILE = \"" + pidFile + "\" }"))) {
            assertThat(Files.readString(pidFile))
                    .isEqualTo(Long.toString(app.process().orElseThrow().pid()));
        }
    }

    @Test
    void applicationThatExitsEarlyIsReportedWithItsLog() {
        assertThatThrownBy(() -> ApplicationLauncher.forThisJvm().launch(local("args = [\"{port}\", \"crash\"]")))
                .isInstanceOf(LaunchException.class)
                .hasMessageMatching("(?s)The application for target 'local' exited with code 3 before "
                        + "http://127\\.0\\.0\\.1:\\d+/health answered\\. Last lines of .*app\\.log:.*"
                        + "cannot open database: no such file.*");
    }

    @Test
    void applicationThatNeverAnswersTimesOutAndIsStopped() throws Exception {
        Path pidFile = dir.resolve("pid");
        assertThatThrownBy(() -> ApplicationLauncher.forThisJvm()
                        .launch(local("args = [\"{port}\", \"mute\"], env { PID_FILE = \"" + pidFile + "\" }")))
                .isInstanceOf(LaunchException.class)
                .hasMessageMatching(
                        "(?s)The application for target 'local' did not answer http://127\\.0\\.0\\.1:\\d+/health "
                                + "within 3\\.0 s \\(last: ConnectException.*\\); raise ready\\.timeout if it needs longer\\. "
                                + "Last lines of .*TinyHttpServer starting in mode mute.*");
        long pid = Long.parseLong(Files.readString(pidFile));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("no orphan")
                .isIn(Optional.empty(), Optional.of(false));
    }

    @Test
    void reusesAServerThatIsAlreadyUpWhenAllowed() throws Exception {
        try (RunningApplication first = ApplicationLauncher.forThisJvm().launch(local("args = [\"{port}\"]"))) {
            int port = first.target().baseUri().getPort();
            TargetSettings fixed = local(
                    "http://127.0.0.1:" + port + "/",
                    "port = " + port + ", reuse-existing = true, args = [\"{port}\"]");
            try (RunningApplication second = ApplicationLauncher.forThisJvm().launch(fixed)) {
                assertThat(second.process()).isEmpty();
                assertThat(second.target().baseUri()).isEqualTo(first.target().baseUri());
            }
            assertThat(answers(first))
                    .as("closing a reused server leaves it running")
                    .isTrue();
        }
    }

    @Test
    void refusesABusyPortWithoutReuse() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            TargetSettings fixed = local("http://127.0.0.1:" + port + "/", "port = " + port + ", args = [\"{port}\"]");
            assertThatThrownBy(() -> ApplicationLauncher.forThisJvm().launch(fixed))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageStartingWith("Cannot launch the application for target 'local': port " + port
                            + " is already in use. Stop whatever listens there, set launch.port = 0 for a free port, "
                            + "or set launch.reuse-existing = true to test the running server");
        }
    }

    @Test
    void commandThatCannotStartIsNamed() {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:{port}/"
                  launch.command = ["/no/such/run-app.sh", "--port", "{port}"]
                  launch.log-file = "%s"
                }
                """.formatted(dir.resolve("app.log")));
        TargetSettings definition = ConfigLoader.load(
                        getClass().getClassLoader(), Optional.of(config.toString()), Map.of())
                .target(new TargetSelection("local", "a test"));

        assertThatThrownBy(() -> ApplicationLauncher.forThisJvm().launch(definition))
                .isInstanceOf(LaunchException.class)
                .hasMessageMatching(
                        "Cannot launch the application for target 'local' with /no/such/run-app.sh --port \\d+: .*");
    }

    /**
     * A target whose launch.command is {@code sh -c script {port}}; the script finds the port in $0, and
     * {@code java}, the class path and {@link TinyHttpServer} in $JAVA, $CP and $SERVER.
     */
    private TargetSettings shellCommand(String script) {
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:{port}/"
                  ready { path = "/health", timeout = 10s, interval = 50ms }
                  launch {
                    command = ["sh", "-c", %s, "{port}"]
                    working-directory = "%s"
                    log-file = "%s"
                    env { JAVA = "%s", CP = "%s", SERVER = "%s" }
                  }
                }
                """.formatted(
                        com.typesafe.config.ConfigUtil.quoteString(script),
                        dir,
                        // A relative log-file is the project directory's: shared with every other test.
                        dir.resolve("app.log"),
                        Path.of(System.getProperty("java.home"), "bin", "java"),
                        System.getProperty("java.class.path"),
                        TinyHttpServer.class.getName()));
        return ConfigLoader.load(getClass().getClassLoader(), Optional.of(config.toString()), Map.of())
                .target(new TargetSelection("local", "a test"));
    }

    @Test
    void commandIsStoppedWithEveryProcessItStarted() throws Exception {
        List<Long> pids = new java.util.ArrayList<>();
        try (RunningApplication app = ApplicationLauncher.forThisJvm()
                .launch(shellCommand(String.join(
                        "\n",
                        "sleep 600 & echo $! > child",
                        // Re-parented to init at once, as a daemon's double fork does.
                        "(sleep 601 & echo $! > orphan)",
                        "exec \"$JAVA\" -cp \"$CP\" \"$SERVER\" \"$0\"")))) {
            assertThat(answers(app)).isTrue();
            pids.add(app.process().orElseThrow().pid());
            pids.add(Survivors.readPid(dir.resolve("child")));
            pids.add(Survivors.readPid(dir.resolve("orphan")));
        }
        // A killed child stays a zombie until init reaps it: Survivors waits for that.
        assertThat(Survivors.of(pids, Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void anotherProcessAnsweringOnThePortInsteadOfTheApplicationIsRefused() throws Exception {
        // The "application" lets a stranger (another session, without the run's marker) take its port and
        // never binds it itself: what happens when a free port is taken between its choice and the bind.
        Path strangerPid = dir.resolve("stranger.pid");
        try {
            assertThatThrownBy(() -> ApplicationLauncher.forThisJvm()
                            .launch(shellCommand("PID_FILE=stranger.pid setsid -f env -u "
                                    + io.github.stagingtarget.process.ProcessTree.MARKER
                                    + " \"$JAVA\" -cp \"$CP\" \"$SERVER\" \"$0\" > stranger.log 2>&1\n"
                                    + "echo started a stranger on port $0; exec sleep 600")))
                    .isInstanceOf(LaunchException.class)
                    .hasMessageMatching("(?s)The application for target 'local' did not get port (\\d+), yet "
                            + "http://127\\.0\\.0\\.1:\\1/health answered: pid \\d+ \\(.*java .*TinyHttpServer \\1\\), "
                            + "which this run did not start, listens there\\. It took the free port picked for the "
                            + "application before the application bound it; run again to get another one\\. "
                            + "Last lines of .*app\\.log:.*started a stranger on port \\1");
            assertThat(Files.readAllLines(dir.resolve("app.log"))).hasSize(1);
        } finally {
            if (Files.exists(strangerPid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(strangerPid).trim()))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
