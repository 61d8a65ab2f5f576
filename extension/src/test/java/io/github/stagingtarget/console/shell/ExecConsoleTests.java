package io.github.stagingtarget.console.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.console.CommandFailedException;
import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.CommandTimedOutException;
import io.github.stagingtarget.console.ConnectionFailedException;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.Shell;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.testsupport.ExecTargets;
import io.github.stagingtarget.testsupport.ExecTargets.NamespacedApp;
import io.github.stagingtarget.testsupport.Shells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exec console through real wrappers: a generic one (a shell that prints a banner and execs the rest of
 * its arguments), {@code runuser} into a user of its own and {@code nsenter} into the namespaces of an
 * application started with {@code unshare}. The last two need root and are skipped without it.
 */
class ExecConsoleTests {

    private static final String KEY = "staging-target.targets.exec.console.command";
    // What a wrapper may print before its shell starts, on standard output: must never reach a result.
    private static final String BANNER = "Defaulted container \"app\" out of: app, sidecar";

    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final SecretMask mask = new SecretMask();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /** A console through the given wrapper, and a directory it can write. */
    private record Setup(ExecConsole console, Path workDir) {}

    private Setup setup(String kind) throws Exception {
        return switch (kind) {
            case "generic wrapper" ->
                new Setup(
                        console(List.of("sh", "-c", "echo '" + BANNER + "'; exec \"$@\"", "wrapper", "sh", "-s")), dir);
            case "runuser" -> {
                ExecTargets.assumeRoot("runuser");
                Path work = ExecTargets.userDirectory("exec-console");
                resources.add(() -> ExecTargets.delete(work));
                yield new Setup(console(ExecTargets.runuser()), work);
            }
            case "nsenter" -> {
                ExecTargets.assumeRoot("nsenter");
                NamespacedApp app = NamespacedApp.start("sleep", "3600");
                resources.add(app);
                yield new Setup(console(app.nsenter()), dir);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private ExecConsole console(List<String> command) {
        ExecConsole console = new ExecConsole(
                new ExecSettings("exec", command, KEY, "test.conf:3", Optional.empty(), Map.of()),
                Duration.ofSeconds(20),
                mask);
        resources.add(console);
        return console;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generic wrapper", "runuser", "nsenter"})
    void commandsRunInTheTargetQuotedWithTheirOwnOutputAndExitCode(String kind) throws Exception {
        ExecConsole console = setup(kind).console();
        String hostile = "it's $(touch pwned) `touch pwned`; touch pwned \"x\"";

        CommandResult result = console.run("printf '%s\\n' " + Shell.quote(hostile) + "; echo oops >&2; exit 3");

        assertThat(result.stdout()).isEqualTo(hostile + "\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void runuserRunsAsTheUserAndNsenterInTheApplicationsNamespaces() throws Exception {
        ExecConsole user = setup("runuser").console();
        assertThat(user.run("id -un").requireSuccess().stdout()).isEqualTo(ExecTargets.USER + "\n");

        ExecConsole namespaced = setup("nsenter").console();
        // PID 1 there is the application, as in a container; this machine's processes are not visible.
        assertThat(namespaced
                        .run("cat /proc/1/cmdline | tr '\\0' ' '")
                        .requireSuccess()
                        .stdout())
                .isEqualTo("sleep 3600 ");
        assertThat(namespaced
                        .run("ls /proc | grep -c '^[0-9]'")
                        .requireSuccess()
                        .stdout()
                        .trim())
                .satisfies(count -> assertThat(Integer.parseInt(count)).isLessThan(10));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generic wrapper", "runuser", "nsenter"})
    void filesTravelBinarySafeThroughStandardInputAndOutput(String kind) throws Exception {
        Setup setup = setup(kind);
        byte[] bytes = new byte[300_000];
        new Random(11).nextBytes(bytes);
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        Path local = Files.write(dir.resolve("local.bin"), bytes);
        String remote = setup.workDir() + "/remote file.bin";

        setup.console().upload(local, remote);
        setup.console().download(remote, dir.resolve("back.bin"));

        assertThat(Files.readAllBytes(dir.resolve("back.bin"))).isEqualTo(bytes);
        setup.console().run("printf '1\\n2\\n3\\n' > " + Shell.quote(setup.workDir() + "/app.log"));
        assertThat(setup.console().tail(setup.workDir() + "/app.log", 2)).isEqualTo("2\n3\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generic wrapper", "runuser", "nsenter"})
    void scriptsRunInOneShell(String kind) throws Exception {
        CommandResult result =
                setup(kind).console().runScript("set -e\nx=kept\necho $x\nfalse\necho never\n", Duration.ofSeconds(20));

        assertThat(result.stdout()).isEqualTo("kept\n");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"generic wrapper", "runuser", "nsenter"})
    void aTimedOutCommandIsStoppedInTheTargetNotMerelyAbandonedHere(String kind) throws Exception {
        ExecConsole console = setup(kind).console();
        long start = System.nanoTime();

        assertThatThrownBy(() -> console.run("sleep 597 & wait", Duration.ofSeconds(2)))
                .isInstanceOf(CommandTimedOutException.class)
                .hasMessageStartingWith("Command timed out after 2 s (the timeout passed to run) and was stopped");

        // The target's timeout ended it: killing the wrapper here would only come after the grace period.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ShellConsole.GRACE.plusSeconds(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sleeping() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sleeping()).as("a `sleep 597` still runs").isFalse();
    }

    private static boolean sleeping() {
        return ProcessHandle.allProcesses()
                .anyMatch(process -> process.info().commandLine().orElse("").endsWith("sleep 597"));
    }

    /**
     * A busybox image: {@code sh}, {@code timeout}, {@code base64}, {@code mktemp}, {@code tail} and {@code cat}
     * are all busybox applets, and nothing else is on the PATH.
     */
    @Test
    void aBusyboxTargetRunsCommandsScriptsAndFiles() throws Exception {
        Path busybox = Path.of("/usr/bin/busybox");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(busybox), "skipped: busybox is not installed (apt-get install busybox)");
        Path applets = Files.createDirectories(dir.resolve("busybox"));
        for (String applet : List.of("sh", "timeout", "base64", "mktemp", "tail", "cat", "rm", "sleep", "readlink")) {
            Files.createSymbolicLink(applets.resolve(applet), busybox);
        }
        ExecConsole console = console(List.of("env", "PATH=" + applets, "sh", "-s"));

        assertThat(console.run("readlink /proc/$$/exe").requireSuccess().stdout())
                .isEqualTo(busybox + "\n");
        CommandResult script = console.runScript(
                "set -e\nd=$(mktemp -d)\nprintf 'a\\nb\\n' > \"$d/f\"\ntail -n 1 \"$d/f\"\nrm -r \"$d\"\n",
                Duration.ofSeconds(20));
        assertThat(script.requireSuccess().stdout()).isEqualTo("b\n");
        byte[] bytes = new byte[100_000];
        new Random(4).nextBytes(bytes);
        Files.write(dir.resolve("in.bin"), bytes);
        console.upload(dir.resolve("in.bin"), dir + "/remote.bin");
        console.download(dir + "/remote.bin", dir.resolve("out.bin"));
        assertThat(Files.readAllBytes(dir.resolve("out.bin"))).isEqualTo(bytes);
        // busybox's timeout stops the shell (its children are not in its reach: see docs/console.md).
        assertThatThrownBy(() -> console.run("exec sleep 30", Duration.ofSeconds(1)))
                .isInstanceOf(CommandTimedOutException.class);
    }

    // The three failures of an exec console, each with its one message.

    @Test
    void aMissingWrapperIsReportedWithTheKeyThatNamesIt() {
        // An absolute path: a name looked up on PATH may also meet a directory this user cannot search (EACCES).
        ExecConsole console = console(List.of("/nonexistent/bin/kubectl", "exec", "-i", "web", "--", "sh", "-s"));

        assertThatThrownBy(() -> console.run("true"))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessage("Cannot run the console command of target 'exec' (exec '/nonexistent/bin/kubectl' 'exec' "
                        + "'-i' 'web' '--' 'sh' '-s'): Cannot run program \"/nonexistent/bin/kubectl\": error=2, No such "
                        + "file or directory. Is `/nonexistent/bin/kubectl` installed and on the PATH of the test JVM? ("
                        + KEY + " at test.conf:3)");
    }

    @Test
    void aWrapperThatFailsBeforeItsShellStartsIsReportedInItsOwnWords() {
        // What kubectl does when the pod is not there: a message on stderr, exit code 1, no shell.
        ExecConsole console = console(List.of(
                "sh", "-c", "echo 'Error from server (NotFound): pods \"web-0\" not found' >&2; exit 1", "kubectl"));

        assertThatThrownBy(() -> console.run("true"))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessage(String.join(
                        System.lineSeparator(),
                        "The console command of target 'exec' (exec 'sh' '-c' 'echo '\\''Error from server (NotFound): "
                                + "pods \"web-0\" not found'\\'' >&2; exit 1' 'kubectl') exited with code 1 before its "
                                + "shell started: the pod, container or user is not there, or the command could not "
                                + "reach or enter it. Check " + KEY + " (test.conf:3): run on this machine, it must "
                                + "open a POSIX shell in the target reading a script from standard input, e.g. "
                                + "[\"kubectl\", \"exec\", \"-i\", \"-n\", \"NAMESPACE\", \"deploy/NAME\", \"--\", "
                                + "\"sh\", \"-s\"]",
                        "--- stderr (last 20 lines) ---",
                        "Error from server (NotFound): pods \"web-0\" not found",
                        "--- stdout (last 20 lines) ---",
                        "(empty)"));
    }

    @Test
    void runuserIntoAUserThatDoesNotExistFailsBeforeTheShell() {
        ExecTargets.assumeRoot("runuser");
        ExecConsole console = console(List.of("runuser", "-u", "no-such-user-here", "--", "sh", "-s"));

        assertThatThrownBy(() -> console.run("true"))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("exited with code 1 before its shell started")
                .hasMessageContaining("runuser: user no-such-user-here does not exist");
    }

    @Test
    void nsenterIntoAProcessThatIsGoneFailsBeforeTheShell() {
        ExecTargets.assumeRoot("nsenter");
        ExecConsole console = console(List.of("nsenter", "-t", "999999999", "-m", "-p", "--", "sh", "-s"));

        assertThatThrownBy(() -> console.run("true"))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("exited with code 1 before its shell started")
                .hasMessageContaining("nsenter: cannot open /proc/999999999/ns/");
    }

    @Test
    void aCommandThatFailsInsideIsAFailedResultNotAConsoleError() {
        ExecConsole console = console(List.of("env", "--", "sh", "-s"));

        CommandResult result = console.run("echo 'relation \"items\" does not exist' >&2; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThatThrownBy(result::requireSuccess)
                .isInstanceOf(CommandFailedException.class)
                .hasMessage(String.join(
                        System.lineSeparator(),
                        "Command failed on target 'exec' (exec 'env' '--' 'sh' '-s') with exit code 3: echo 'relation "
                                + "\"items\" does not exist' >&2; exit 3",
                        "--- stderr (last 20 lines) ---",
                        "relation \"items\" does not exist",
                        "--- stdout (last 20 lines) ---",
                        "(empty)"));
    }

    @Test
    void aTargetWithoutTimeoutIsRefusedBeforeTheScriptRuns() throws Exception {
        Path onlySh = Shells.dashAsSh(dir);
        ExecConsole console = console(List.of("env", "PATH=" + onlySh, "sh", "-s"));

        assertThatThrownBy(() -> console.run("touch " + Shell.quote(dir + "/ran")))
                .isExactlyInstanceOf(ConsoleException.class)
                .hasMessage("The shell of target 'exec' (exec 'env' 'PATH=" + onlySh + "' 'sh' '-s') started, but its "
                        + "PATH has no `timeout` command, which stops commands that run too long in the target: "
                        + "install coreutils (or busybox) in the image, or start the shell with a PATH that has it");
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void secretsAreMaskedInTheWrappersMessages() {
        mask.add("s3cr3t-token-value");
        ExecConsole console = console(List.of(
                "sh",
                "-c",
                "echo 'Unauthorized: token s3cr3t-token-value' >&2; exit 1",
                "kubectl",
                "--token",
                "an0ther-token"));

        assertThatThrownBy(() -> console.run("true"))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("Unauthorized: token ****")
                .hasMessageContaining("'kubectl' '--token' '****')")
                .hasMessageNotContaining("s3cr3t")
                .hasMessageNotContaining("an0ther");
        assertThat(console.describe()).doesNotContain("an0ther");
    }
}
