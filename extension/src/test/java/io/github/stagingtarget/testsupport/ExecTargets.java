package io.github.stagingtarget.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real boundaries for the exec console where there is no container runtime: a user switch ({@code runuser -u
 * USER -- sh -s}, the shape of {@code kubectl exec}) and Linux namespaces ({@code nsenter -t PID -m -p -- sh
 * -s}, what {@code docker exec} does underneath). Both need root: the tests run as root locally and in the
 * root stage of {@code .ci/run}; as any other user they are skipped with {@link #assumeRoot}.
 */
public final class ExecTargets {

    /** The user the exec console switches to; created on first use, like the deploy user of a host. */
    public static final String USER = "stagingtarget-exec";

    private ExecTargets() {}

    public static void assumeRoot(String what) {
        assumeTrue(
                isRoot(),
                "skipped: " + what + " needs root (runuser and nsenter switch users and enter namespaces); "
                        + ".ci/run runs these tests as root in its stage \"Exec console as root\"");
    }

    public static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #USER}, created if missing (no home, no login shell: runuser -u runs the command itself). */
    public static String user() {
        if (run(List.of("id", "-u", USER)) != 0) {
            // A concurrent test may have created it meanwhile: useradd then fails, id succeeds.
            run(List.of(
                    "useradd",
                    "--system",
                    "--user-group",
                    "--no-create-home",
                    "--home-dir",
                    "/nonexistent",
                    "--shell",
                    "/usr/sbin/nologin",
                    USER));
            if (run(List.of("id", "-u", USER)) != 0) {
                throw new IllegalStateException("Could not create the test user " + USER);
            }
        }
        return USER;
    }

    /** The command that opens a shell as {@link #user()}, with {@code prefix} run before {@code sh -s}. */
    public static List<String> runuser(String... beforeSh) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", user(), "--"));
        command.addAll(List.of(beforeSh));
        command.addAll(List.of("sh", "-s"));
        return command;
    }

    /** A fresh directory under /tmp owned by {@link #user()}, which it can write and others can read. */
    public static Path userDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(
                    Path.of("/tmp"),
                    prefix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (run(List.of("chown", user() + ":", dir.toString())) != 0) {
                throw new IllegalStateException("Could not give " + dir + " to " + USER);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree made by {@link #userDirectory}. */
    public static void delete(Path dir) {
        run(List.of("rm", "-rf", "--", dir.toString()));
    }

    /**
     * An application in a PID and mount namespace of its own ({@code unshare --fork --pid --mount-proc}),
     * where it is PID 1, as in a container.
     */
    public static final class NamespacedApp implements AutoCloseable {

        private final Process unshare;
        private final ProcessHandle app;

        private NamespacedApp(Process unshare, ProcessHandle app) {
            this.unshare = unshare;
            this.app = app;
        }

        /** Starts {@code command} in new namespaces; it must keep running. */
        public static NamespacedApp start(String... command) {
            List<String> argv = new ArrayList<>(List.of("unshare", "--fork", "--pid", "--mount-proc"));
            argv.addAll(List.of(command));
            try {
                Process unshare = new ProcessBuilder(argv)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectErrorStream(true)
                        .start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline) {
                    Optional<ProcessHandle> child = unshare.children().findFirst();
                    // The child is the app once it has exec'd it: unshare's own copy has unshare's command line.
                    if (child.isPresent()
                            && !child.get().info().command().orElse("").endsWith("unshare")) {
                        return new NamespacedApp(unshare, child.get());
                    }
                    if (!unshare.isAlive()) {
                        throw new IllegalStateException("unshare exited with " + unshare.exitValue() + ": "
                                + new String(unshare.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    }
                    Thread.sleep(20);
                }
                unshare.destroyForcibly();
                throw new IllegalStateException("unshare started no application within 10 s");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The application's pid as this machine sees it (1 inside its namespace). */
        public long pid() {
            return app.pid();
        }

        /** The command that opens a shell in the application's namespaces. */
        public List<String> nsenter() {
            return List.of("nsenter", "-t", Long.toString(pid()), "-m", "-p", "--", "sh", "-s");
        }

        @Override
        public void close() throws InterruptedException {
            // PID 1 of the namespace takes every process in it along when it ends.
            app.destroyForcibly();
            unshare.destroyForcibly();
            unshare.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
