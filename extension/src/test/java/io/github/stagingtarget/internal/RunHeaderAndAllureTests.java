package io.github.stagingtarget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.ConfigurationValue;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The run header (once per run: printed and as the first class's report entry, with the deployed version)
 * and, with Allure on the class path, evidence attached to the running Allure test and the run's
 * environment in {@code environment.properties}.
 */
// Isolated, not just locked: every engine-kit run in this JVM writes Allure's environment.properties into the
// results directory this test points allure.results.directory at, and would overwrite its run's facts.
@Isolated
class RunHeaderAndAllureTests {

    static final String WORK_DIR = "stagingtarget.test.workdir";

    @TempDir
    Path dir;

    private HttpServer http;
    private AllureLifecycle previous;
    private String previousResults;
    private final InMemoryResults results = new InMemoryResults();

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().equals("/version")
                    ? "9d81e07c0ffee\n".getBytes(StandardCharsets.UTF_8)
                    : "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        previous = Allure.getLifecycle();
        Allure.setLifecycle(new AllureLifecycle(results));
        System.setProperty(
                "allure.results.directory", dir.resolve("allure-results").toString());
    }

    @AfterEach
    void stop() {
        http.stop(0);
        Allure.setLifecycle(previous);
        if (previousResults == null) {
            System.clearProperty("allure.results.directory");
        } else {
            System.setProperty("allure.results.directory", previousResults);
        }
    }

    @Test
    void theHeaderIsPrintedOnceWithTheVersionAndEvidenceGoesToTheRunningAllureTest() throws Exception {
        Files.writeString(dir.resolve("app.log"), "");
        Path config =
                ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:%2$d/"
                  version { path = "/version", expected = "9d81e07" }
                  services.api.base-url = "http://127.0.0.1:%2$d/api/"
                  console.type = local
                  logs = ["%1$s/app.log"]
                  browser.evidence-dir = "%1$s/evidence"
                }
                """.formatted(dir, http.getAddress().getPort()));

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        EngineExecutionResults run;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run = StagingTargetTestKit.run(
                    config, "staging", Map.of(WORK_DIR, dir.toString()), AllureTestCase.class, SecondTestCase.class);
        } finally {
            System.setOut(original);
        }

        run.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        String header = "target 'staging' (chosen by JUnit configuration parameter 'target') → http://127.0.0.1:"
                + http.getAddress().getPort()
                + "/ · fixtures refused (production guard) · services api · version 9d81e07c0ffee"
                + " · browser chromium headless";
        String output = captured.toString(StandardCharsets.UTF_8);
        // Other test classes running meanwhile print their own headers: this run's names its server's port.
        assertThat(output.lines()
                        .filter(line -> line.startsWith("StagingTarget:"))
                        .filter(line -> line.contains(":" + http.getAddress().getPort() + "/")))
                .as("printed once for the run of two classes")
                .containsExactly("StagingTarget: " + header);
        assertThat(run.allEvents().reportingEntryPublished().stream()
                        .map(event ->
                                event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                        .filter(entry -> entry.containsKey("staging-target")))
                .containsExactly(Map.of("staging-target", header));

        String logName = "server-log-" + LogName.of(dir + "/app.log") + ".txt";
        TestResult failed = results.tests.stream()
                .filter(test -> test.getName().equals("fails"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.getAttachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.getName()).isEqualTo(logName);
            assertThat(attachment.getType()).isEqualTo("text/plain");
            assertThat(new String(results.attachments.get(attachment.getSource()), StandardCharsets.UTF_8))
                    .isEqualTo("written by the failing test\n");
        });
        assertThat(results.tests)
                .filteredOn(test -> !test.getName().equals("fails"))
                .flatExtracting(TestResult::getAttachments)
                .as("a passing test attaches nothing")
                .isEmpty();
        assertThat(output).contains("[[ATTACHMENT|" + dir.resolve("evidence").toAbsolutePath());

        Properties environment = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("allure-results/environment.properties"))) {
            environment.load(in);
        }
        assertThat(environment)
                .containsEntry("StagingTarget.target", "staging")
                .containsEntry("StagingTarget.version", "9d81e07c0ffee")
                .containsEntry("StagingTarget.browser", "chromium headless")
                .containsEntry(
                        "StagingTarget.service.api",
                        "http://127.0.0.1:" + http.getAddress().getPort() + "/api/")
                .containsEntry(
                        "StagingTarget.base-url",
                        "http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    /** The file name the extension gives a log path, computed the documented way. */
    private static final class LogName {
        static String of(String path) {
            return path.substring(1).replace("_", "__").replace('/', '_');
        }
    }

    @ExtendWith(AllureTestCaseExtension.class)
    @StagingTarget
    static class AllureTestCase {
        @Test
        void fails(ServerConsole console, @ConfigurationValue(WORK_DIR) String workDir) {
            console.run("echo 'written by the failing test' >> '" + workDir + "/app.log'")
                    .requireSuccess();
            throw new AssertionError("boom");
        }
    }

    @ExtendWith(AllureTestCaseExtension.class)
    @StagingTarget
    static class SecondTestCase {
        @Test
        void passes() {}
    }

    /** What allure-junit5 does around each test, reduced to the test case this thread runs. */
    static final class AllureTestCaseExtension implements BeforeEachCallback, AfterEachCallback {
        @Override
        public void beforeEach(ExtensionContext context) {
            String uuid = UUID.randomUUID().toString();
            context.getStore(ExtensionContext.Namespace.create(getClass())).put("uuid", uuid);
            Allure.getLifecycle()
                    .scheduleTestCase(new TestResult()
                            .setUuid(uuid)
                            .setName(context.getRequiredTestMethod().getName()));
            Allure.getLifecycle().startTestCase(uuid);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            String uuid = context.getStore(ExtensionContext.Namespace.create(getClass()))
                    .get("uuid", String.class);
            Allure.getLifecycle().stopTestCase(uuid);
            Allure.getLifecycle().writeTestCase(uuid);
        }
    }

    private static final class InMemoryResults implements AllureResultsWriter {
        final List<TestResult> tests = new CopyOnWriteArrayList<>();
        final Map<String, byte[]> attachments = new ConcurrentHashMap<>();

        @Override
        public void write(TestResult result) {
            tests.add(result);
        }

        @Override
        public void write(TestResultContainer container) {}

        @Override
        public void write(String source, InputStream content) {
            try {
                attachments.put(source, content.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
