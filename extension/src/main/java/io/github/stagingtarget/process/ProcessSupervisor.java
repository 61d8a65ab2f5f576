package io.github.stagingtarget.process;

import io.github.stagingtarget.StagingTargetException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The test JVM's side of the {@link Supervisor}: starts it on first use (one per JVM, shared by every run in
 * it), tells it which processes to watch, and starts a new one should it have died. Its standard input is a
 * pipe only this JVM writes to, so it learns of this JVM's death from end-of-file.
 */
final class ProcessSupervisor {

    /** Between SIGTERM and SIGKILL after the test JVM died; short, as nobody waits for an orderly exit. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /** This JVM's part of the marker: random, so that no other run's processes carry it. */
    static final String TOKEN =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

    private static final Set<Root> WATCHED = ConcurrentHashMap.newKeySet();
    private static Process supervisor;
    private static OutputStream toSupervisor;

    private ProcessSupervisor() {}

    /** The marker prefix every tree of this JVM carries: {@code NAME=TOKEN-}. */
    static String markerPrefix() {
        return ProcessTree.MARKER + "=" + TOKEN + "-";
    }

    /**
     * Makes sure the supervisor runs, before a process is started that it must be able to find.
     *
     * @throws io.github.stagingtarget.StagingTargetException if it cannot be started
     */
    static synchronized void ensureRunning() {
        if (supervisor != null && supervisor.isAlive()) {
            return;
        }
        try {
            start();
            for (Root root : WATCHED) {
                send("watch " + root);
            }
        } catch (IOException e) {
            throw new StagingTargetException(
                    "Could not start the process supervisor that stops this run's processes should the test JVM "
                            + "die (" + String.join(" ", command()) + "): " + e.getMessage(),
                    e);
        }
    }

    static synchronized void watch(Root root) {
        WATCHED.add(root);
        tell("watch " + root);
    }

    static synchronized void forget(Root root) {
        WATCHED.remove(root);
        tell("forget " + root);
    }

    /** The supervisor's pid, for tests. */
    static synchronized Optional<ProcessHandle> process() {
        return Optional.ofNullable(supervisor).map(Process::toHandle);
    }

    private static void tell(String line) {
        try {
            if (supervisor == null || !supervisor.isAlive()) {
                ensureRunning(); // sends every watched root, this one included
            } else {
                send(line);
            }
        } catch (IOException e) {
            // It died between the check and the write: a new one gets the whole list.
            supervisor = null;
            ensureRunning();
        }
    }

    private static void send(String line) throws IOException {
        toSupervisor.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toSupervisor.flush();
    }

    private static void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // Options meant for the tests' JVMs (agents, debuggers) have no business in the supervisor.
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        builder.environment().remove(ProcessTree.MARKER);
        supervisor = builder.start();
        toSupervisor = supervisor.getOutputStream();
    }

    private static List<String> command() {
        List<String> command = new ArrayList<>(Setsid.newSession());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-Xmx16m",
                "-Xss256k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Xshare:auto",
                "-cp",
                classPath(),
                Supervisor.class.getName(),
                markerPrefix(),
                Long.toString(GRACE.toMillis())));
        return command;
    }

    /** Where this class was loaded from (a jar or a directory); the supervisor needs nothing else. */
    private static String classPath() {
        try {
            CodeSource source = Supervisor.class.getProtectionDomain().getCodeSource();
            if (source != null && "file".equals(source.getLocation().getProtocol())) {
                Path location = Path.of(source.getLocation().toURI());
                if (Files.exists(location)) {
                    return location.toString();
                }
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // Fall back to the JVM's class path below.
        }
        return System.getProperty("java.class.path");
    }
}
