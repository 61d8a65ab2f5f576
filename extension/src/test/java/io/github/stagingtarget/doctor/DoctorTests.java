package io.github.stagingtarget.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.BrowserProcesses;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.Ports;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

@ResourceLock(BrowserProcesses.LOCK) // the doctor's browser check starts Chromium in this JVM's process tree
class DoctorTests {

    @TempDir
    Path dir;

    private HttpServer staging;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Map<String, String> systemProperties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void startStaging() throws IOException {
        staging = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        staging.createContext("/", exchange -> {
            byte[] body = "abc1234\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        staging.start();
    }

    @AfterEach
    void stopStaging() {
        staging.stop(0);
    }

    private int port() {
        return staging.getAddress().getPort();
    }

    private Path config(String extra) {
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:%d/"
                  console.env.DB_PASSWORD = "s3cr3t-value"
                  version.path = "/version"
                  %s
                }
                """.formatted(port(), extra));
    }

    private int doctor(String extra, String... args) {
        return doctorWith(classLoader(dir), config(extra), args);
    }

    /** Like {@link #doctor}, with a browser that fails at once: for tests about anything but the browser. */
    private int doctorWithoutBrowser(String extra, String... args) {
        return doctor(extra + "\n  browser.binary = \"/nonexistent/chromium\"", args);
    }

    private int doctorWith(ClassLoader loader, Path config, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Doctor.Environment env = new Doctor.Environment(systemProperties, environment::get, loader, dir);
        return new Doctor(new PrintStream(output, true, StandardCharsets.UTF_8), env).run(all);
    }

    /** A class loader whose class path root is {@code root} (for junit-platform.properties), then ours. */
    private static ClassLoader classLoader(Path root) {
        try {
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, DoctorTests.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOnlyTheUserValuesWithShortOriginsThenPasses() {
        int status = doctor("", "--target", "staging");

        assertThat(status).isZero();
        assertThat(output())
                .contains("StagingTarget doctor: target 'staging' (chosen by --target)")
                .contains("Settings that differ from the defaults (")
                .containsPattern("\n  staging-target\\.targets\\.staging\\.base-url = \"http://127\\.0\\.0\\.1:\\d+/\""
                        + "    # staging-target-\\d+\\.conf:2\n")
                .contains("staging-target.targets.staging.console.env.DB_PASSWORD = ****    # ")
                .doesNotContain("s3cr3t-value")
                // Defaults are left out: they are what reference.conf says, not what the user wrote.
                .doesNotContain("ready.timeout")
                .doesNotContain("jar:")
                .contains(
                        "Fixtures (@ResetDatabase, @Seed): refused on every target (no target sets fixtures.allowed).")
                .containsPattern("\\[ OK \\] ready +http://127\\.0\\.0\\.1:\\d+/ answered in \\d+ ms")
                .contains("deployed 'abc1234' (not compared: version.expected is unset)")
                .containsPattern("\\[ OK \\] ssh +not used \\(local console\\)")
                .containsPattern("\\[ OK \\] browser +started and quit chrome \\d+")
                .contains("All checks passed.");
    }

    @Test
    void checksEveryNamedServiceAndNamesIt() throws IOException {
        int closed = Ports.closed();
        int status = doctorWithoutBrowser("""
                services {
                    api { base-url = "http://127.0.0.1:%d/v2/", version { path = "/version", expected = "abc1234" } }
                    web.base-url = "http://127.0.0.1:%d/"
                  }
                """.formatted(port(), closed), "--target", "staging");

        assertThat(status).isEqualTo(1);
        assertThat(output())
                .containsPattern("staging-target\\.targets\\.staging\\.services\\.api\\.base-url = "
                        + "\"http://127\\.0\\.0\\.1:\\d+/v2/\"    # staging-target-\\d+\\.conf:6")
                .containsPattern("\\[ OK \\] ready api +http://127\\.0\\.0\\.1:\\d+/v2/ answered in \\d+ ms")
                .contains("version api    deployed 'abc1234' is the expected build")
                .contains("[FAIL] ready web      http://127.0.0.1:" + closed + "/: ConnectException")
                .contains("hint: start the server (and the proxy in front of it), or fix services.web.base-url / "
                        + "ready.path")
                .contains("version web    not checked (no version.path)");
    }

    @Test
    void showsThePersonalFileAsTheOriginOfEveryValueItSets() throws IOException {
        Path personal = Files.writeString(dir.resolve("mine.conf"), """
                staging-target.targets.staging {
                  ready.timeout = 20s
                  values.admin-password = "personal-secret-1"
                }
                """);
        systemProperties.put("stagingtarget.user-config", personal.toString());

        doctorWithoutBrowser("", "--target", "staging");

        assertThat(output())
                .contains("Personal overrides from file " + personal
                        + " (stagingtarget.user-config (system property or JUnit configuration parameter))")
                .contains("staging-target.targets.staging.ready.timeout = \"20s\"    # personal mine.conf:2")
                .contains("staging-target.targets.staging.values.admin-password = ****    # personal mine.conf:3")
                .doesNotContain("personal-secret-1");
    }

    @Test
    void saysWhereItLookedForAPersonalFile() {
        systemProperties.put("user.home", dir.resolve("home").toString());

        doctorWithoutBrowser("", "--target", "staging");

        assertThat(output())
                .contains("Personal overrides from none (no file at "
                        + dir.resolve("home/.config/staging-target/staging-target.conf") + ", default, ~/.config)");
    }

    @Test
    void allShowsTheDefaultsWithTheirOriginsToo() {
        doctorWithoutBrowser("ready.timeout = 20s", "--target", "staging", "--all");

        assertThat(output())
                .contains("Settings (all ")
                .containsPattern(
                        "staging-target\\.targets\\.staging\\.ready\\.timeout = \"?20s\"?    # staging-target-\\d+\\.conf:5")
                .containsPattern(
                        "staging-target\\.targets\\.staging\\.ready\\.interval = \"?250ms\"?    # reference\\.conf:\\d+");
    }

    @Test
    void originsNameTheEnvironmentVariableAndTheSystemProperty() {
        environment.put("STAGING_VERSION_PATH", "/version");
        systemProperties.put("staging-target.targets.staging.ready.timeout", "45s");

        doctorWithoutBrowser("version.path = ${?STAGING_VERSION_PATH}", "--target", "staging");

        assertThat(output())
                .contains("staging-target.targets.staging.version.path = \"/version\"    # env STAGING_VERSION_PATH")
                .contains("staging-target.targets.staging.ready.timeout = \"45s\"    # "
                        + "-Dstaging-target.targets.staging.ready.timeout");
    }

    @Test
    void saysWhichTargetsAllowFixturesAndWhere() {
        doctorWithoutBrowser("fixtures.allowed = true", "--target", "staging");

        assertThat(output())
                .containsPattern(
                        "Fixtures \\(@ResetDatabase, @Seed\\): allowed on staging \\(staging-target-\\d+\\.conf:5\\);"
                                + " refused on every other target\\.");
    }

    @Test
    void noSecretOfTheConfigurationIsPrinted() {
        environment.put("PW", "env-secret-1");
        Path config = ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://alice:url-secret-2@127.0.0.1:%d/"
                  launch {
                    env { API_KEY = "key-secret-3", JWT_PRIVATE_KEY = "jwt-secret-4", PLAIN = "visible-value" }
                    args = ["--db-password", "arg-secret-5", "--verbose"]
                  }
                  fixtures {
                    reset = "PGPASSWORD="${?PW}" psql -c 'select reset()'"
                    seed = "DB_PASS=inline-secret-6 app db seed {file}"
                  }
                  session.command = "app session --token=option-secret-7 {email}"
                }
                """.formatted(port()));

        doctorWith(classLoader(dir), config, "--target", "staging");

        assertThat(output())
                .doesNotContain("env-secret-1", "url-secret-2", "key-secret-3", "jwt-secret-4")
                .doesNotContain("arg-secret-5", "inline-secret-6", "option-secret-7", "alice:")
                .contains("visible-value")
                .contains("launch.args = [\"--db-password\",\"****\",\"--verbose\"]")
                .contains("fixtures.reset = \"PGPASSWORD=**** psql -c 'select reset()'\"    # staging-target-")
                .contains("http://****@127.0.0.1:" + port() + "/");
    }

    @Test
    void wrongVersionFailsWithAHint() {
        int status = doctor("version.expected = \"def5678\"", "--target", "staging");

        assertThat(status).isEqualTo(1);
        assertThat(output())
                .contains("[FAIL] version")
                .contains("runs version 'abc1234'")
                .contains("but the tests expect 'def5678'")
                .contains("hint: deploy the expected build")
                .contains("1 check failed.");
    }

    @Test
    void serverThatIsDownFailsReadiness() {
        staging.stop(0);

        assertThat(doctorWithoutBrowser("", "--target", "staging")).isEqualTo(1);
        assertThat(output()).containsPattern("\\[FAIL\\] ready +http://127\\.0\\.0\\.1:\\d+/: ConnectException");
    }

    @Test
    void badConfigurationIsOneFailure() {
        assertThat(doctor("", "--target", "nosuch")).isEqualTo(1);
        assertThat(output())
                .contains(
                        "[FAIL] configuration  Unknown target 'nosuch' (chosen by --target). Configured targets: local, staging");
    }

    @Test
    void aTypoIsOneFailureWithASuggestion() {
        assertThat(doctor("ready { timout = 2m }", "--target", "staging")).isEqualTo(1);
        assertThat(output())
                .containsPattern("\\[FAIL\\] configuration  .*staging-target-\\d+\\.conf: 5: "
                        + "staging-target\\.targets\\.staging\\.ready\\.timout is not a StagingTarget key: did you mean "
                        + "'timeout'\\?");
    }

    @Test
    void choosesTheTargetFromJUnitPlatformPropertiesLikeTheTests() throws IOException {
        Files.writeString(dir.resolve("junit-platform.properties"), "stagingtarget.target = nosuch\n");
        Path config = config("");

        doctorWith(classLoader(dir), config);
        var tests = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("stagingtarget.config", config.toString())
                .configurationParameter("stagingtarget.target", "nosuch")
                .selectors(DiscoverySelectors.selectClass(TargetNameTestCase.class))
                .execute();

        String chosen = "Unknown target 'nosuch' (chosen by JUnit configuration parameter 'stagingtarget.target')";
        assertThat(output()).contains("[FAIL] configuration  " + chosen);
        tests.containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(container(), finishedWithFailure(message(m -> m.startsWith(chosen)))));
    }

    @Test
    void choosesTheTargetFromTheSystemPropertyAndTheDefaultTargetKey() {
        systemProperties.put("target", "staging");
        doctorWithoutBrowser("");
        assertThat(output()).contains("StagingTarget doctor: target 'staging' (chosen by -Dtarget)");

        systemProperties.clear();
        output.reset();
        Path config = ConfigFiles.write(dir, """
                staging-target.default-target = staging
                staging-target.targets.staging.base-url = "http://127.0.0.1:%d/"
                staging-target.targets.staging.browser.binary = "/nonexistent/chromium"
                """.formatted(port()));
        doctorWith(classLoader(dir), config);
        assertThat(output())
                .containsPattern("target 'staging' \\(chosen by key staging-target\\.default-target "
                        + "\\(staging-target-\\d+\\.conf:1\\)\\)");
    }

    @StagingTarget
    static class TargetNameTestCase {
        @Test
        void test(Target target) {}
    }

    @Test
    void anExecConsoleIsCheckedByRunningACommandThroughIt() {
        int status = doctorWithoutBrowser("console.command = [\"env\", \"--\", \"sh\", \"-s\"]", "--target", "staging");

        assertThat(status).isEqualTo(1); // the browser
        assertThat(output())
                .containsPattern("\\[ OK \\] exec +target 'staging' \\(exec 'env' '--' 'sh' '-s'\\): shell started, "
                        + "commands run");
    }

    @Test
    void anExecConsoleWhoseWrapperFailsIsOneFailureWithItsMessageAndAHint() {
        int status = doctorWithoutBrowser(
                "console.command = [\"sh\", \"-c\", \"echo 'error: no context' >&2; exit 1\"]", "--target", "staging");

        assertThat(status).isEqualTo(1);
        assertThat(output())
                .contains("[FAIL] exec           The console command of target 'staging' (exec 'sh' '-c' 'echo "
                        + "'\\''error: no context'\\'' >&2; exit 1') exited with code 1 before its shell started")
                .contains("error: no context")
                .contains("hint: see \"Exec console\" in docs/console.md");
    }

    @Test
    void sshProblemFailsWithTheAddressAndAHint() throws IOException {
        int closedPort = Ports.closed();
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Path key = Files.writeString(dir.resolve("id_ed25519"), "not a key");

        int status = doctorWithoutBrowser(
                "ssh { host = \"127.0.0.1\", port = " + closedPort + ", user = \"deploy\", identity = \"" + key
                        + "\", known-hosts = \"" + knownHosts + "\" }",
                "--target",
                "staging");

        assertThat(status).isEqualTo(1);
        assertThat(output())
                .contains("[FAIL] ssh            Cannot connect to target 'staging' at deploy@127.0.0.1:" + closedPort
                        + " over SSH: cannot load the private key file " + key)
                .contains("hint: see \"SSH setup\" in docs/console.md");
    }

    @Test
    void relativePathsAreResolvedAgainstTheProjectDirectory() throws IOException {
        Path project = Files.createDirectories(dir.resolve("module"));
        Files.writeString(project.resolve("id_ed25519"), "not a key");
        Files.writeString(project.resolve("known_hosts"), "");
        int closedPort = Ports.closed();

        doctorWithoutBrowser(
                "ssh { host = \"127.0.0.1\", port = " + closedPort
                        + ", user = \"deploy\", identity = \"id_ed25519\", known-hosts = \"known_hosts\" }",
                "--target",
                "staging",
                "--project-dir",
                "module");

        assertThat(output()).contains("cannot load the private key file " + project.resolve("id_ed25519"));
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(new Doctor(new PrintStream(output, true, StandardCharsets.UTF_8)).run("--bogus"))
                .isEqualTo(2);
        assertThat(output()).contains("usage: Doctor [--target NAME] [--config FILE] [--all] [--project-dir DIR]");
    }

    /**
     * The doctor as a user runs it, in a JVM of its own on a class path without an SLF4J provider: neither
     * SLF4J's "no providers" notice (SSHJ initializes SLF4J) nor Selenium's CDP warnings reach its output.
     */
    @Test
    void itsOutputHasNoThirdPartyLoggingNoise() throws Exception {
        int closedPort = Ports.closed();
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Path key = Files.writeString(dir.resolve("id_ed25519"), "not a key");
        // Private, as a real key would be: the doctor's own warning about an open key file is not noise.
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path config = config("ssh { host = \"127.0.0.1\", port = " + closedPort + ", identity = \"" + key
                + "\", known-hosts = \"" + knownHosts + "\" }");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.matches(".*(slf4j-simple|logback|slf4j-nop|log4j-slf4j).*"))
                .collect(Collectors.joining(File.pathSeparator));
        Path log = dir.resolve("doctor.log");
        Process doctor = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        Doctor.class.getName(),
                        "--config",
                        config.toString(),
                        "--target",
                        "staging"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(doctor.waitFor(2, TimeUnit.MINUTES))
                .as("the doctor finished")
                .isTrue();

        assertThat(Files.readString(log))
                .contains("[FAIL] ssh")
                .containsPattern("\\[ OK \\] browser +started and quit chrome \\d+")
                .doesNotContain("SLF4J")
                .doesNotContainIgnoringCase("CDP")
                .doesNotContain("WARNING");
    }
}
