package io.github.stagingtarget.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.testsupport.Survivors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTests {

    @TempDir
    Path dir;

    @BeforeAll
    static void linux() {
        assumeTrue(ProcFs.available() && !Setsid.newSession().isEmpty(), "needs /proc and setsid (Linux)");
    }

    /** Starts {@code script} with sh in {@code tree}, in a new session, and waits until it prints "ready". */
    private Process start(ProcessTree tree, String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(tree.inNewSession(List.of("sh", "-c", script)))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(tree.environment());
        Process process = builder.start();
        tree.add(process.toHandle());
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        return "failed: " + e;
                    }
                })
                .get(20, TimeUnit.SECONDS);
        assertThat(line).isEqualTo("ready");
        return process;
    }

    @Test
    void stopEndsTheRootItsChildrenAndProcessesThatLeftTheTree() throws Exception {
        ProcessTree tree = ProcessTree.create();
        Process root = start(
                tree,
                String.join(
                        "\n",
                        "sleep 301 & echo $! > child",
                        // Re-parented to init when the subshell exits: only the session still ties it to the root.
                        "(sleep 302 & echo $! > orphan)",
                        // A session of its own, as a daemon makes: only the inherited marker ties it to the root.
                        "setsid sleep 303 & echo $! > own-session",
                        // No environment at all, but the root's session.
                        "env -i sleep 304 & echo $! > bare",
                        "echo ready",
                        "exec sleep 300"));
        List<Long> pids = new ArrayList<>(List.of(root.pid()));
        for (String name : List.of("child", "orphan", "own-session", "bare")) {
            pids.add(Survivors.readPid(dir.resolve(name)));
        }
        assertThat(tree.members().stream().map(ProcessHandle::pid)).containsAll(pids);

        assertThat(tree.stop(Duration.ofSeconds(5))).isTrue();

        assertThat(Survivors.of(pids, Duration.ofSeconds(5))).isEmpty();
        assertThat(tree.members()).isEmpty();
    }

    @Test
    void stopAlsoEndsWhatTheTreeStartsWhileStopping() throws Exception {
        ProcessTree tree = ProcessTree.create();
        // On TERM it starts one more process, then lingers until killed.
        Process root = start(
                tree,
                String.join(
                        "\n",
                        "trap 'sleep 305 & echo $! > late; sleep 306' TERM",
                        "echo ready",
                        "sleep 600 & wait $!"));

        assertThat(tree.stop(Duration.ofSeconds(1))).isTrue();

        assertThat(Survivors.of(List.of(root.pid(), Survivors.readPid(dir.resolve("late"))), Duration.ofSeconds(5)))
                .isEmpty();
    }

    @Test
    void membersAreOnlyTheTreesOwn() throws Exception {
        ProcessTree one = ProcessTree.create();
        ProcessTree other = ProcessTree.create();
        Process first = start(one, "echo ready; exec sleep 300");
        Process second = start(other, "echo ready; exec sleep 300");
        try {
            assertThat(one.members()).extracting(ProcessHandle::pid).containsExactly(first.pid());

            one.stop(Duration.ofSeconds(5));

            assertThat(second.isAlive()).as("another tree's process").isTrue();
        } finally {
            other.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void foreignListenerNamesTheProcessHoldingThePortWhenItIsNotAMember() throws Exception {
        ProcessTree tree = ProcessTree.create();
        start(tree, "echo ready; exec sleep 300");
        try (ServerSocket stranger = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(tree.foreignListener(stranger.getLocalPort()))
                    .hasValueSatisfying(owner -> assertThat(owner)
                            .startsWith("pid " + ProcessHandle.current().pid() + " (")
                            .contains("java"));
        } finally {
            tree.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void foreignListenerIsEmptyWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThat(ProcessTree.create().foreignListener(port)).isEmpty();
    }
}
