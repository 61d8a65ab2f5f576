package io.github.stagingtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.ConfigurationValue;
import io.github.stagingtarget.testsupport.EmbeddedSshServer;
import io.github.stagingtarget.testsupport.SshKeys;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Server-log evidence of a failed test through real consoles (local shell, embedded SSH): files and log
 * commands, bounded on the server, masked, under names that cannot collide, each announced to CI as an
 * attachment.
 */
@ResourceLock(Resources.SYSTEM_OUT)
class ServerLogEvidenceTests {

    static final String WORK_DIR = "stagingtarget.test.workdir";
    private static final String SECRET = "hunter2-hunter2";

    @TempDir
    Path dir;

    private String logs() {
        return """
                ["%1$s/a/b.log", "%1$s/a_b.log", "%1$s/quiet.log", "%1$s/missing.log", "%1$s/huge.log", "~/home.log",
                 { command = "cat '%1$s/journal.txt'; echo since={since} epoch={since-epoch}", name = journal },
                 { command = "echo partial; exit 3", name = broken }]
                """.formatted(dir);
    }

    private Path localConfig() {
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:1/"
                  ready.enabled = false
                  console { type = local, env { HOME = "%1$s/home" } }
                  session.command = "APP_PASSWORD=%2$s app create-session {email}"
                  logs = %3$s
                  log-lines = 50
                  evidence.server-log-bytes = 4KiB
                  browser.evidence-dir = "%1$s/evidence"
                }
                """.formatted(dir, SECRET, logs()));
    }

    @Test
    void aFailedTestPublishesEachLogBoundedMaskedAndUnderItsOwnNameOnTheLocalConsole() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("a/b.log"), "before the test\n");
        Files.writeString(dir.resolve("journal.txt"), "journal line\n");

        assertEvidence(localConfig());
    }

    @Test
    void tildeIsTheHomeOfTheServerUserOverSsh() throws Exception {
        Path key = SshKeys.generate(dir, "id_ed25519", "ed25519", "");
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("journal.txt"), "journal line\n");
        try (EmbeddedSshServer server = EmbeddedSshServer.withKeys(
                EmbeddedSshServer.newHostKey(),
                SshKeys.publicKey(key),
                EmbeddedSshServer.Options.DEFAULT.withEnvironment(
                        Map.of("HOME", dir.resolve("home").toString())))) {
            Path knownHosts = dir.resolve("known_hosts");
            server.writeKnownHosts(knownHosts);
            Path config = ConfigFiles.write(
                    dir, """
                    staging-target.targets.staging {
                      base-url = "http://127.0.0.1:1/"
                      ready.enabled = false
                      ssh { host = "127.0.0.1", port = %4$d, user = "%5$s", identity = "%6$s", known-hosts = "%7$s" }
                      session.command = "APP_PASSWORD=%2$s app create-session {email}"
                      logs = %3$s
                      log-lines = 50
                      evidence.server-log-bytes = 4KiB
                      browser.evidence-dir = "%1$s/evidence"
                    }
                    """.formatted(dir, SECRET, logs(), server.port(), EmbeddedSshServer.USER, key, knownHosts));
            assertEvidence(config);
        }
    }

    /** Also checks that quiet.log, which the failed test did not write to, is not published at all. */
    private void assertEvidence(Path config) throws Exception {
        Files.writeString(dir.resolve("quiet.log"), "an old line\n");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        EngineExecutionResults results;
        Instant before = Instant.now();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            results = StagingTargetTestKit.run(config, "staging", Map.of(WORK_DIR, dir.toString()), LogsTestCase.class);
        } finally {
            System.setOut(original);
        }
        Instant after = Instant.now();

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        Map<String, String> published = new LinkedHashMap<>();
        for (var event : results.allEvents().fileEntryPublished().list()) {
            Path file = event.getRequiredPayload(FileEntry.class).getPath();
            published.put(file.getFileName().toString(), Files.readString(file));
        }
        String flat = dir.toString().substring(1).replace("_", "__").replace('/', '_');
        assertThat(published)
                .containsOnlyKeys(
                        "server-log-" + flat + "_a_b.log.txt",
                        "server-log-" + flat + "_a__b.log.txt",
                        "server-log-" + flat + "_missing.log.txt",
                        "server-log-" + flat + "_huge.log.txt",
                        "server-log-%7E_home.log.txt",
                        "server-log-journal.txt",
                        "server-log-broken.txt");
        assertThat(published.get("server-log-" + flat + "_a_b.log.txt")).isEqualTo("from a/b\n");
        assertThat(published.get("server-log-" + flat + "_a__b.log.txt"))
                .startsWith("from a_b, password ")
                .doesNotContain(SECRET);
        assertThat(published.get("server-log-" + flat + "_missing.log.txt"))
                .isEqualTo("(cannot read " + dir + "/missing.log: no such file)\n");
        assertThat(published.get("server-log-%7E_home.log.txt")).isEqualTo("in the home directory\n");

        String huge = published.get("server-log-" + flat + "_huge.log.txt");
        assertThat(huge)
                .startsWith("(only the last 4096 of 3000001 new bytes: the first line below may be cut;")
                .endsWith("x".repeat(4095) + "\n");
        assertThat(huge.length()).isLessThan(4096 + 200);

        String journal = published.get("server-log-journal.txt");
        Matcher since = Pattern.compile("since=(\\S+) epoch=(\\d+)").matcher(journal);
        assertThat(journal).startsWith("journal line\n");
        assertThat(since.find()).as(journal).isTrue();
        Instant start = Instant.parse(since.group(1));
        assertThat(start.getEpochSecond()).isEqualTo(Long.parseLong(since.group(2)));
        assertThat(start).isBetween(before.minusSeconds(1), after);
        assertThat(published.get("server-log-broken.txt"))
                .isEqualTo("partial\n(the log command exited with status 3)\n");

        String output = captured.toString(StandardCharsets.UTF_8);
        Path evidence =
                dir.resolve("evidence").resolve(LogsTestCase.class.getName()).resolve("fails");
        for (String name : published.keySet()) {
            assertThat(output).contains("[[ATTACHMENT|" + evidence.resolve(name).toAbsolutePath() + "]]");
            assertThat(Files.readString(evidence.resolve(name))).isEqualTo(published.get(name));
        }
        assertThat(results.allEvents().reportingEntryPublished().stream()
                        .map(event ->
                                event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                        .filter(entry -> !entry.containsKey("staging-target")))
                .as("no log content as a report entry")
                .containsExactly(Map.of(
                        EvidencePublisher.REPORT_ENTRY,
                        evidence.toAbsolutePath().toString()));
    }

    @StagingTarget
    static class LogsTestCase {
        @Test
        void passes(ServerConsole console, @ConfigurationValue(WORK_DIR) String workDir) {
            console.run("echo 'during the passing test' >> '" + workDir + "/a/b.log'")
                    .requireSuccess();
        }

        @Test
        void fails(ServerConsole console, @ConfigurationValue(WORK_DIR) String workDir) {
            String w = "'" + workDir + "'";
            console.run("echo 'from a/b' >> " + w + "/a/b.log"
                            + " && echo \"from a_b, password " + SECRET + "\" >> " + w + "/a_b.log"
                            + " && head -c 3000000 /dev/zero | tr '\\0' x >> " + w + "/huge.log && echo >> " + w
                            + "/huge.log && echo 'in the home directory' >> ~/home.log")
                    .requireSuccess();
            throw new AssertionError("boom");
        }
    }
}
