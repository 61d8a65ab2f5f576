package io.github.stagingtarget.internal;

import static io.github.stagingtarget.testsupport.LoopbackHttp.respond;
import static io.github.stagingtarget.testsupport.StagingTargetTestKit.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.LoopbackHttp;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * HTTP exchanges of the injected REST Assured specifications, against a local HTTP server standing in for
 * staging: published as text and HAR for a failed test only, masked, cut and summarised, and kept apart per
 * test and per class.
 */
class HttpExchangesTests {

    /** Secrets the fixtures send; none of them may appear in a published file. */
    private static final String BEARER = "tok-7f3a9c21e8";

    private static final String REQUEST_COOKIE = "cookie-value-5d1e";
    private static final String SESSION = "server-session-0b9d4f";
    private static final String BODY_PASSWORD = "hunter2-in-body";
    private static final String CONFIGURED_SECRET = "cfg-secret-61c0aa";
    private static final String API_KEY = "key-1b2c3d4e5f";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer staging;

    @BeforeEach
    void startStaging() throws IOException {
        staging = LoopbackHttp.create();
        staging.createContext("/", exchange -> respond(exchange, 200, "text/plain", "ok".getBytes(), Map.of()));
        staging.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = "{\"you sent\": " + (body.isEmpty() ? "null" : body) + ", \"with\": \""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\", \"query\": \""
                    + exchange.getRequestURI().getRawQuery() + "\"}";
            respond(
                    exchange,
                    200,
                    "application/json",
                    answer.getBytes(StandardCharsets.UTF_8),
                    Map.of("Set-Cookie", "sid=" + SESSION + "; Path=/; HttpOnly"));
        });
        staging.createContext("/big", exchange -> {
            byte[] text = "0123456789".repeat(500).getBytes(StandardCharsets.US_ASCII);
            respond(exchange, 200, "text/plain; charset=UTF-8", text, Map.of());
        });
        staging.createContext("/logo.png", exchange -> {
            byte[] png = new byte[2000];
            png[0] = (byte) 0x89;
            png[1] = 'P';
            png[2] = 'N';
            png[3] = 'G';
            respond(exchange, 200, "image/png", png, Map.of());
        });
        staging.start();
    }

    @AfterEach
    void stopStaging() {
        staging.stop(0);
    }

    private Path config(String evidence) {
        return ConfigFiles.write(dir, """
                staging-target.targets.staging {
                  base-url = "http://127.0.0.1:%d/"
                  ready { timeout = 2s, interval = 50ms }
                  session.cookie-name = "sid"
                  evidence { %s }
                }
                my-app.api-token = "%s"
                """.formatted(staging.getAddress().getPort(), evidence, CONFIGURED_SECRET));
    }

    private EngineExecutionResults runFixtures(String evidence, Class<?>... fixtures) {
        return run(config(evidence), "staging", dir.resolve("outputs"), fixtures);
    }

    /** The published files named {@code name}, below the output directory. */
    private List<Path> published(String name) {
        Path outputs = dir.resolve("outputs");
        if (!Files.isDirectory(outputs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(outputs)) {
            return files.filter(file -> file.getFileName().toString().equals(name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String onlyText() throws IOException {
        assertThat(published("http-exchanges.txt")).hasSize(1);
        return Files.readString(published("http-exchanges.txt").get(0));
    }

    private JsonNode onlyHar() throws IOException {
        assertThat(published("http-exchanges.har")).hasSize(1);
        return JSON.readTree(published("http-exchanges.har").get(0).toFile());
    }

    @Test
    void failedTestPublishesItsExchangesAsTextAndHarWithSecretsMasked() throws IOException {
        runFixtures("", FailingRequestTestCase.class).testEvents().assertStatistics(s -> s.failed(1));

        String text = onlyText();
        String har = Files.readString(published("http-exchanges.har").get(0));
        int port = staging.getAddress().getPort();
        assertThat(text)
                .startsWith("HTTP exchanges of FailingRequestTestCase > createsAnOrder(RequestSpecification): "
                        + "1 request, secrets masked as ****, bodies cut after 65,536 bytes\n")
                .contains("=== 1. POST http://127.0.0.1:" + port + "/echo?note=****&page=2 -> 200 OK (")
                .contains("> POST http://127.0.0.1:" + port + "/echo?note=****&page=2\n")
                .contains("> Authorization: Bearer ****\n")
                .contains("> X-Api-Key: ****\n")
                .contains("> Accept: application/json")
                .contains("> Cookie: sid=****\n")
                .contains("{\"item\": 42, \"password\": \"****\"}")
                .contains("< HTTP/1.1 200 OK\n")
                .contains("< Set-cookie: sid=****; Path=/; HttpOnly\n")
                .contains("< Content-type: application/json\n")
                // The bearer token echoed in the body is masked there too: the header made it a known secret.
                .contains("\"with\": \"Bearer ****\"");
        for (String file : List.of(text, har)) {
            assertThat(file).doesNotContain(BEARER, REQUEST_COOKIE, SESSION, BODY_PASSWORD, CONFIGURED_SECRET, API_KEY);
        }

        JsonNode log = onlyHar().get("log");
        assertThat(log.get("version").asText()).isEqualTo("1.2");
        assertThat(log.get("creator").get("name").asText()).isEqualTo("StagingTarget");
        assertThat(log.get("creator").has("version")).isTrue();
        assertThat(log.get("entries")).hasSize(1);
        JsonNode entry = log.get("entries").get(0);
        assertThat(fieldNames(entry)).contains("startedDateTime", "time", "request", "response", "cache", "timings");
        assertThat(OffsetDateTime.parse(entry.get("startedDateTime").asText())).isNotNull();
        assertThat(entry.get("time").isNumber()).isTrue();
        assertThat(entry.get("time").asDouble()).isPositive();
        assertThat(entry.get("cache").isObject()).isTrue();
        assertThat(entry.get("timings").get("wait").asDouble())
                .isEqualTo(entry.get("time").asDouble());
        assertThat(entry.get("timings").get("send").asDouble()).isZero();

        JsonNode request = entry.get("request");
        assertThat(fieldNames(request))
                .contains(
                        "method",
                        "url",
                        "httpVersion",
                        "cookies",
                        "headers",
                        "queryString",
                        "headersSize",
                        "bodySize",
                        "postData");
        assertThat(request.get("method").asText()).isEqualTo("POST");
        assertThat(request.get("url").asText()).isEqualTo("http://127.0.0.1:" + port + "/echo?note=****&page=2");
        assertThat(request.get("httpVersion").asText()).isEqualTo("HTTP/1.1");
        assertThat(request.get("queryString").toString())
                .isEqualTo("[{\"name\":\"note\",\"value\":\"****\"},{\"name\":\"page\",\"value\":\"2\"}]");
        assertThat(request.get("cookies").toString()).isEqualTo("[{\"name\":\"sid\",\"value\":\"****\"}]");
        assertThat(header(request, "Authorization")).isEqualTo("Bearer ****");
        assertThat(request.get("headersSize").asInt()).isEqualTo(-1);
        assertThat(request.get("bodySize").asInt())
                .isEqualTo("{\"item\": 42, \"password\": \"x\"}".length() - 1 + BODY_PASSWORD.length());
        assertThat(request.get("postData").get("mimeType").asText()).startsWith("application/json");
        assertThat(request.get("postData").get("text").asText()).isEqualTo("{\"item\": 42, \"password\": \"****\"}");

        JsonNode response = entry.get("response");
        assertThat(fieldNames(response))
                .contains(
                        "status",
                        "statusText",
                        "httpVersion",
                        "cookies",
                        "headers",
                        "content",
                        "redirectURL",
                        "headersSize",
                        "bodySize");
        assertThat(response.get("status").asInt()).isEqualTo(200);
        assertThat(response.get("statusText").asText()).isEqualTo("OK");
        assertThat(response.get("httpVersion").asText()).isEqualTo("HTTP/1.1");
        assertThat(response.get("cookies").toString()).isEqualTo("[{\"name\":\"sid\",\"value\":\"****\"}]");
        assertThat(header(response, "Set-Cookie")).isEqualTo("sid=****; Path=/; HttpOnly");
        assertThat(response.get("redirectURL").asText()).isEmpty();
        JsonNode content = response.get("content");
        assertThat(content.get("mimeType").asText()).isEqualTo("application/json");
        assertThat(content.get("text").asText()).startsWith("{\"you sent\": {\"item\": 42, \"password\": \"****\"}");
        assertThat(content.get("size").asLong())
                .isEqualTo(response.get("bodySize").asLong())
                .isPositive();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String header(JsonNode message, String name) {
        for (JsonNode header : message.get("headers")) {
            if (header.get("name").asText().equalsIgnoreCase(name)) {
                return header.get("value").asText();
            }
        }
        throw new AssertionError("no header " + name + " in " + message.get("headers"));
    }

    @StagingTarget
    static class FailingRequestTestCase {

        @Test
        void createsAnOrder(RequestSpecification api) {
            int status = api.header("Authorization", "Bearer " + BEARER)
                    .header("X-Api-Key", API_KEY)
                    .cookie("sid", REQUEST_COOKIE)
                    .accept(ContentType.JSON)
                    .contentType(ContentType.JSON)
                    .queryParam("note", CONFIGURED_SECRET)
                    .queryParam("page", 2)
                    .body("{\"item\": 42, \"password\": \"" + BODY_PASSWORD + "\"}")
                    .post("/echo")
                    .statusCode();
            assertThat(status).as("status").isEqualTo(201);
        }
    }

    @Test
    void passingTestAndFailedTestWithoutRequestsPublishNothing() {
        runFixtures("", PassingTestCase.class, NoRequestTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(1));

        assertThat(published("http-exchanges.txt")).isEmpty();
        assertThat(published("http-exchanges.har")).isEmpty();
    }

    @StagingTarget
    static class PassingTestCase {

        @Test
        void readsTheEcho(RequestSpecification api) {
            api.get("/echo").then().statusCode(200);
        }
    }

    @StagingTarget
    static class NoRequestTestCase {

        @Test
        void failsWithoutAsking() {
            throw new AssertionError("no request made");
        }
    }

    @Test
    void longBodiesAreCutAtTheConfiguredLimitAndBinaryBodiesSummarised() throws IOException {
        runFixtures("http-body-limit = 1KiB", LargeAndBinaryTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.failed(1));

        String text = onlyText();
        assertThat(text)
                .contains("bodies cut after 1,024 bytes")
                .contains("\n" + "0123456789".repeat(102) + "0123\n[… cut: 1,024 of 5,000 bytes shown]\n")
                .doesNotContain("0123456789".repeat(103))
                .contains("\n\n[binary, image/png, 2,000 bytes]\n")
                .doesNotContain("PNG");

        JsonNode entries = onlyHar().get("log").get("entries");
        // The URL as REST Assured built it: path parameters, the path's query, param(...), then queryParam(...).
        assertThat(entries.get(0).get("request").get("url").asText())
                .isEqualTo("http://127.0.0.1:" + staging.getAddress().getPort() + "/echo/7/a%20b?y=1&p=v%20w&q=1");
        entries = JSON.createArrayNode().addAll(List.of(entries.get(1), entries.get(2)));
        JsonNode big = entries.get(0).get("response");
        assertThat(big.get("bodySize").asInt()).isEqualTo(5000);
        assertThat(big.get("content").get("size").asInt()).isEqualTo(5000);
        assertThat(big.get("content").get("text").asText()).hasSize(1024);
        assertThat(big.get("content").get("comment").asText()).isEqualTo("cut: 1,024 of 5,000 bytes shown");
        JsonNode logo = entries.get(1).get("response").get("content");
        assertThat(logo.get("mimeType").asText()).isEqualTo("image/png");
        assertThat(logo.get("size").asInt()).isEqualTo(2000);
        assertThat(logo.has("text")).as("binary bytes are not in the HAR").isFalse();
        assertThat(logo.get("comment").asText()).isEqualTo("binary, image/png, 2,000 bytes: not recorded");
    }

    @StagingTarget
    static class LargeAndBinaryTestCase {

        @Test
        void downloads(RequestSpecification api) {
            given(api).pathParam("id", 7).param("p", "v w").queryParam("q", 1).get("/echo/{id}/{n}?y=1", "a b");
            api.get("/big");
            api.get("/logo.png");
            throw new AssertionError("the logo is wrong");
        }
    }

    @Test
    void aRequestWithoutResponseIsRecordedWithTheReason() throws IOException {
        runFixtures("", UnansweredTestCase.class).testEvents().assertStatistics(s -> s.failed(1));

        assertThat(onlyText())
                .containsPattern("=== 1\\. GET http://127\\.0\\.0\\.1:\\d+/down -> no response \\(")
                .contains("\n! java.net.ConnectException: Connection refused");
        JsonNode entry = onlyHar().get("log").get("entries").get(0);
        assertThat(entry.get("response").get("status").asInt()).isZero();
        assertThat(entry.get("response").get("bodySize").asInt()).isEqualTo(-1);
        assertThat(entry.get("_error").asText()).startsWith("java.net.ConnectException: Connection refused");
    }

    @StagingTarget
    static class UnansweredTestCase {

        @Test
        void asksAServerThatIsDown(RequestSpecification api) {
            api.get("http://127.0.0.1:" + io.github.stagingtarget.testsupport.Ports.closed() + "/down");
        }
    }

    @Test
    void aSpecificationFromBeforeAllRecordsForTheTestThatUsesItAndClassesInParallelDoNotMix() throws IOException {
        Map<String, String> parallel = Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
        run(config(""), "staging", parallel, ClassScopeATestCase.class, ClassScopeBTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(2));

        List<Path> texts = published("http-exchanges.txt");
        assertThat(texts).hasSize(2);
        for (Path file : texts) {
            String text = Files.readString(file);
            String own = text.contains("ClassScopeATestCase") ? "A" : "B";
            String other = own.equals("A") ? "B" : "A";
            // Each failed test holds its own requests: from @BeforeEach, the test and @AfterEach, in order.
            assertThat(text)
                    .contains("=== 1. GET http://127.0.0.1:"
                            + staging.getAddress().getPort() + "/echo?who=" + own + "-before-each-fails")
                    .contains("?who=" + own + "-fails ")
                    .contains("?who=" + own + "-after-each-fails ")
                    .contains(": 3 requests,")
                    .doesNotContain("who=" + other, "passes", "before-all", "after-all");
        }
        assertThat(published("http-exchanges.har")).hasSize(2);
    }

    @StagingTarget
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassScopeATestCase {

        /** Shared by the class's tests; each request starts from it ({@code given(api)}), as REST Assured advises. */
        static RequestSpecification api;

        @BeforeAll
        static void prepare(RequestSpecification spec) {
            api = spec;
            given(api).get("/echo?who=A-before-all");
        }

        @BeforeEach
        void before(org.junit.jupiter.api.TestInfo info) {
            given(api)
                    .get("/echo?who=A-before-each-"
                            + info.getTestMethod().orElseThrow().getName());
        }

        @Test
        @Order(1)
        void passes() {
            given(api).get("/echo?who=A-passes");
        }

        @Test
        @Order(2)
        void fails() {
            given(api).get("/echo?who=A-fails");
            throw new AssertionError("A failed");
        }

        @AfterEach
        void after(org.junit.jupiter.api.TestInfo info) {
            given(api)
                    .get("/echo?who=A-after-each-"
                            + info.getTestMethod().orElseThrow().getName());
        }

        @AfterAll
        static void cleanUp() {
            given(api).get("/echo?who=A-after-all");
        }
    }

    @StagingTarget
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassScopeBTestCase {

        /** Shared by the class's tests; each request starts from it ({@code given(api)}), as REST Assured advises. */
        static RequestSpecification api;

        @BeforeAll
        static void prepare(RequestSpecification spec) {
            api = spec;
            given(api).get("/echo?who=B-before-all");
        }

        @BeforeEach
        void before(org.junit.jupiter.api.TestInfo info) {
            given(api)
                    .get("/echo?who=B-before-each-"
                            + info.getTestMethod().orElseThrow().getName());
        }

        @Test
        @Order(1)
        void passes() {
            given(api).get("/echo?who=B-passes");
        }

        @Test
        @Order(2)
        void fails() {
            given(api).get("/echo?who=B-fails");
            throw new AssertionError("B failed");
        }

        @AfterEach
        void after(org.junit.jupiter.api.TestInfo info) {
            given(api)
                    .get("/echo?who=B-after-each-"
                            + info.getTestMethod().orElseThrow().getName());
        }

        @AfterAll
        static void cleanUp() {
            given(api).get("/echo?who=B-after-all");
        }
    }

    @Test
    void aSpecificationFromTheConstructorRecordsForTheTestOfItsInstance() throws IOException {
        runFixtures("", ConstructorTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(1));

        assertThat(onlyText())
                .contains(": 1 request,")
                .contains("/echo?who=second ")
                .doesNotContain("who=first");
    }

    @StagingTarget
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ConstructorTestCase {

        private final RequestSpecification api;

        ConstructorTestCase(RequestSpecification api) {
            this.api = api;
        }

        @Test
        @Order(1)
        void first() {
            api.get("/echo?who=first");
        }

        @Test
        @Order(2)
        void second() {
            api.get("/echo?who=second");
            throw new AssertionError("second failed");
        }
    }

    @Test
    void recordingCanBeTurnedOff() {
        runFixtures("http-exchanges = false", FailingRequestTestCase.class)
                .testEvents()
                .assertStatistics(s -> s.failed(1));

        assertThat(published("http-exchanges.txt")).isEmpty();
        assertThat(published("http-exchanges.har")).isEmpty();
    }

    @Test
    void aBodyLimitThatIsNoSizeFailsTheRunNamingTheKey() {
        Throwable failure = io.github.stagingtarget.testsupport.StagingTargetTestKit.firstFailure(
                runFixtures("http-body-limit = lots", PassingTestCase.class).containerEvents());

        assertThat(failure.getMessage())
                .containsPattern("\\.conf: 5: staging-target\\.targets\\.staging\\.evidence\\.http-body-limit: ")
                .contains("staging-target.targets.staging.evidence.http-body-limit: expected a "
                        + "size from 0 to 16777216 bytes, such as 65536, 64KiB or 1MiB, but was '\"lots\"'");
    }
}
