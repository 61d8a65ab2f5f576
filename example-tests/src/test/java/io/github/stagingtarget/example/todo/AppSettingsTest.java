package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSettingsTest {

    @Test
    void defaults() {
        AppSettings settings = AppSettings.resolve(Map.of(), Map.of());

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8000);
        assertThat(settings.unixSocket()).isEmpty();
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:file:./target/todo-db/todo;AUTO_SERVER=TRUE");
        assertThat(settings.jdbcUser()).isEmpty();
        assertThat(settings.jdbcPassword()).isEmpty();
        assertThat(settings.version()).isEqualTo("dev");
    }

    @Test
    void environmentVariablesAreTheFallback() {
        AppSettings settings = AppSettings.resolve(
                Map.of(),
                Map.of(
                        "TODO_HOST", "0.0.0.0",
                        "TODO_PORT", "9000",
                        "TODO_UNIX_SOCKET", "/run/todo/app.sock",
                        "TODO_JDBC_URL", "jdbc:postgresql://localhost/todo",
                        "TODO_JDBC_USER", "todo",
                        "TODO_JDBC_PASSWORD", "s3cret",
                        "TODO_VERSION", "1.2.3"));

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(9000);
        assertThat(settings.unixSocket()).hasValue(Path.of("/run/todo/app.sock"));
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/todo");
        assertThat(settings.jdbcUser()).hasValue("todo");
        assertThat(settings.jdbcPassword()).hasValue("s3cret");
        assertThat(settings.version()).isEqualTo("1.2.3");
    }

    @Test
    void optionsWinOverEnvironmentVariables() {
        AppSettings settings = AppSettings.resolve(
                Map.of("host", "::1", "port", "0", "jdbc-url", "jdbc:h2:mem:x"),
                Map.of("TODO_HOST", "0.0.0.0", "TODO_PORT", "9000", "TODO_JDBC_URL", "jdbc:h2:mem:y"));

        assertThat(settings.host()).isEqualTo("::1");
        assertThat(settings.port()).isZero();
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void blankEnvironmentVariablesCountAsUnset() {
        assertThat(AppSettings.resolve(Map.of(), Map.of("TODO_PORT", "", "TODO_VERSION", " ")))
                .returns(8000, AppSettings::port)
                .returns("dev", AppSettings::version);
    }

    @Test
    void badPortsNameTheirSource() {
        assertThatThrownBy(() -> AppSettings.resolve(Map.of("port", "70000"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--port must be a port number from 0 to 65535 (0 = any free port) but was: 70000");
        assertThatThrownBy(() -> AppSettings.resolve(Map.of(), Map.of("TODO_PORT", "http")))
                .hasMessageStartingWith("TODO_PORT must be a port number");
    }

    @Test
    void passwordsNeverShowInUrlsOrToString() {
        AppSettings settings = AppSettings.resolve(
                Map.of("jdbc-url", "jdbc:postgresql://db/todo?user=todo&password=hunter2&ssl=true"),
                Map.of("TODO_JDBC_PASSWORD", "s3cret"));

        assertThat(settings.maskedJdbcUrl()).isEqualTo("jdbc:postgresql://db/todo?user=todo&password=****&ssl=true");
        assertThat(settings.toString())
                .doesNotContain("hunter2")
                .doesNotContain("s3cret")
                .contains("****");
        assertThat(AppSettings.resolve(Map.of("jdbc-url", "jdbc:h2:./x;USER=sa;PASSWORD=pw;AUTO_SERVER=TRUE"), Map.of())
                        .maskedJdbcUrl())
                .isEqualTo("jdbc:h2:./x;USER=sa;PASSWORD=****;AUTO_SERVER=TRUE");
    }
}
