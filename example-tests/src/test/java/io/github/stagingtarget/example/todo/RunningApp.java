package io.github.stagingtarget.example.todo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The app started in-process on a free port with its own in-memory H2 database, plus an HTTP client that follows
 * no redirects (so tests see the 303s) and the CLI run in-process against the same database.
 */
final class RunningApp implements AutoCloseable {

    record CliResult(int status, String out, String err) {}

    private final Map<String, String> env;
    private final Database database;
    private final TodoServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RunningApp(Map<String, String> env, Database database, TodoServer server) {
        this.env = env;
        this.database = database;
        this.server = server;
    }

    /** For a field initializer, {@code @AutoClose RunningApp app = RunningApp.start();}: one app per test. */
    static RunningApp start() {
        try {
            return start(Map.of());
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the app for a test", e);
        }
    }

    /** @param extraEnv environment variables on top of a fresh in-memory database and port 0 */
    static RunningApp start(Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>();
        // DB_CLOSE_DELAY=-1: the database outlives its connections, as a file or PostgreSQL database would.
        env.put("TODO_JDBC_URL", "jdbc:h2:mem:todo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        env.put("TODO_PORT", "0");
        env.putAll(extraEnv);
        AppSettings settings = AppSettings.resolve(Map.of(), env);
        Database database = new Database(settings);
        try {
            TodoStore store = new TodoStore(database);
            store.ensureSchema();
            return new RunningApp(Map.copyOf(env), database, TodoServer.start(settings, store, StaticFiles.load()));
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    URI uri(String path) {
        return server.uri().orElseThrow().resolve(path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, Optional.empty());
    }

    HttpResponse<String> get(String path, Optional<String> sessionKey) throws Exception {
        return send(request(path, sessionKey).GET());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) throws Exception {
        return postForm(path, fields, Optional.empty());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields, Optional<String> sessionKey)
            throws Exception {
        String form = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, sessionKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return postJson(path, json, Optional.empty());
    }

    HttpResponse<String> postJson(String path, String json, Optional<String> sessionKey) throws Exception {
        return send(request(path, sessionKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path, Optional<String> sessionKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        sessionKey.ifPresent(key -> request.header("Cookie", "sessionid=" + key));
        return request;
    }

    /** Runs the CLI in this JVM against this app's database, as the test extension would over SSH. */
    CliResult cli(String... args) {
        return cli(env, args);
    }

    static CliResult cli(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = new CommandLine(env, outStream, errStream).run(args);
        }
        return new CliResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
