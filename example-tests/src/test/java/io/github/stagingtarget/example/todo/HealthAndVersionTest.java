package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HealthAndVersionTest {

    @Test
    void versionComesFromTheEnvironment() throws Exception {
        try (RunningApp app = RunningApp.start(Map.of("TODO_VERSION", "2026.11.26-abc123"))) {
            HttpResponse<String> version = app.get("/version");

            assertThat(version.statusCode()).isEqualTo(200);
            assertThat(version.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(version.body()).isEqualTo("2026.11.26-abc123");
        }
    }

    @Test
    void healthIsOkOnlyWhileTheDatabaseAnswers() throws Exception {
        String name = "health-" + UUID.randomUUID();
        // This connection creates the in-memory database; the app's URL has IFEXISTS so it cannot recreate it.
        try (var owner = DriverManager.getConnection("jdbc:h2:mem:" + name);
                RunningApp app = RunningApp.start(Map.of("TODO_JDBC_URL", "jdbc:h2:mem:" + name + ";IFEXISTS=TRUE"))) {
            HttpResponse<String> healthy = app.get("/health");
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.body()).isEqualTo("ok");

            try (var statement = owner.createStatement()) {
                statement.execute("SHUTDOWN");
            }

            HttpResponse<String> unhealthy = app.get("/health");
            assertThat(unhealthy.statusCode()).isEqualTo(503);
            assertThat(app.get("/version").statusCode()).isEqualTo(200);
        }
    }
}
