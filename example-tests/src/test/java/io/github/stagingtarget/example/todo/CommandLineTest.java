package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.example.todo.RunningApp.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private static final String EDITH = """
            {"users": [{"email": "edith@example.com"}],
             "lists": [{"id": 1, "owner": "edith@example.com",
                        "items": ["Buy peacock feathers", "Use feathers to make a fly"]}]}
            """;

    @TempDir
    Path dir;

    @AutoClose
    private final RunningApp app = RunningApp.start();

    @Test
    void migrateCreatesTheSchemaOnAnEmptyDatabaseAndKeepsExistingData() throws Exception {
        String freshUrl = "jdbc:h2:mem:migrate-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Map<String, String> fresh = Map.of("TODO_JDBC_URL", freshUrl);
        app.postJson("/api/lists/", "{\"items\": [\"keep me\"]}");

        CliResult empty = RunningApp.cli(fresh, "db", "migrate");
        CliResult again = RunningApp.cli(fresh, "db", "migrate");
        CliResult existing = app.cli("db", "migrate");

        assertThat(empty.status()).as(empty.err()).isZero();
        assertThat(empty.out()).isEmpty();
        assertThat(again.status()).as(again.err()).isZero();
        try (var connection = DriverManager.getConnection(freshUrl);
                var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM lists")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isZero();
        }
        assertThat(existing.status()).as(existing.err()).isZero();
        assertThat(app.get("/api/lists").body()).contains("keep me");
        assertThat(app.cli("db", "migrate", "now").status()).isEqualTo(2);
    }

    @Test
    void resetDeletesAllDataAndRestartsIds() throws Exception {
        app.postJson("/api/lists/", "{\"items\": [\"a\"]}");
        app.postJson("/api/lists/", "{\"items\": [\"b\"]}");
        String session = app.cli("create-session", "edith@example.com").out().strip();

        CliResult reset = app.cli("db", "reset");

        assertThat(reset.status()).isZero();
        assertThat(reset.out()).isEmpty();
        assertThat(app.get("/api/lists").body()).isEqualTo("[]");
        assertThat(app.get("/", Optional.of(session)).body()).doesNotContain("Logged in as");
        assertThat(app.postJson("/api/lists/", "{\"items\": [\"c\"]}").body())
                .isEqualTo("{\"id\":1,\"owner\":null,\"items\":[{\"id\":1,\"text\":\"c\"}]}");
    }

    @Test
    void seedLoadsListsWithTheirIdsAndNewListsGetHigherIds() throws Exception {
        Path fixture = write("edith.json", EDITH.replace("\"id\": 1", "\"id\": 5"));

        CliResult seed = app.cli("db", "seed", fixture.toString());

        assertThat(seed.status()).as(seed.err()).isZero();
        assertThat(app.get("/lists/5/").body())
                .contains("<tr><td>1: Buy peacock feathers</td></tr>")
                .contains("<tr><td>2: Use feathers to make a fly</td></tr>")
                .contains("<span id=\"id_list_owner\">edith@example.com</span>");
        assertThat(app.postForm("/lists/new", Map.of("item_text", "next"))
                        .headers()
                        .firstValue("Location"))
                .hasValue("/lists/6/");
    }

    @Test
    void seededListsWithoutIdsGoAboveEveryExplicitId() throws Exception {
        Path fixture = write("mixed.json", "{\"lists\": [{\"items\": [\"no id\"]}, {\"id\": 3}]}");

        assertThat(app.cli("db", "seed", fixture.toString()).status()).isZero();

        assertThat(app.get("/api/lists").body())
                .isEqualTo("[{\"id\":3,\"owner\":null,\"items\":[]},"
                        + "{\"id\":4,\"owner\":null,\"items\":[{\"id\":1,\"text\":\"no id\"}]}]");
        assertThat(app.postJson("/api/lists/", "{}").headers().firstValue("Location"))
                .hasValue("/api/lists/5/");
    }

    @Test
    void createSessionPrintsOnlyAKeyThatLogsTheUserIn() throws Exception {
        CliResult created = app.cli("create-session", "edith@example.com");

        assertThat(created.status()).isZero();
        assertThat(created.out()).matches("[A-Za-z0-9_-]{20,}\\R");
        String key = created.out().strip();
        assertThat(app.get("/", Optional.of(key)).body())
                .contains("<span id=\"id_logged_in_as\">Logged in as edith@example.com</span>");
        assertThat(app.cli("create-session", "edith@example.com").out().strip()).isNotEqualTo(key);
    }

    @Test
    void chainedCommandsRunInOrderInOneInvocation() throws Exception {
        app.postJson("/api/lists/", "{\"items\": [\"to be reset\"]}");
        Path edith = write("edith.json", EDITH);
        Path more = write("more.json", "{\"lists\": [{\"id\": 2, \"items\": [\"Buy milk\"]}]}");

        CliResult chain = app.cli(
                "db",
                "reset",
                "+",
                "db",
                "seed",
                edith.toString(),
                "+",
                "db",
                "seed",
                more.toString(),
                "+",
                "create-session",
                "edith@example.com");

        assertThat(chain.status()).as(chain.err()).isZero();
        assertThat(chain.out().lines()).hasSize(1);
        assertThat(app.get("/api/lists").body())
                .doesNotContain("to be reset")
                .contains("peacock")
                .contains("Buy milk");
        assertThat(app.get("/", Optional.of(chain.out().strip())).body()).contains("Logged in as edith@example.com");
    }

    @Test
    void theFirstFailureStopsTheChainAndEarlierCommandsStayDone() throws Exception {
        Path edith = write("edith.json", EDITH);

        CliResult chain = app.cli(
                "db",
                "seed",
                edith.toString(),
                "+",
                "db",
                "seed",
                edith.toString(),
                "+",
                "create-session",
                "francis@example.com");

        assertThat(chain.status()).isEqualTo(1);
        assertThat(chain.out()).isEmpty();
        assertThat(chain.err())
                .contains("db seed " + edith + ": List 1 already exists")
                .contains("not run: create-session francis@example.com");
        assertThat(app.get("/api/lists").body()).contains("peacock");
    }

    @Test
    void aMissingFixtureFailsBeforeAnythingRuns() throws Exception {
        app.postJson("/api/lists/", "{\"items\": [\"keep me\"]}");
        Path missing = dir.resolve("missing.json");

        CliResult result = app.cli("db", "reset", "+", "db", "seed", missing.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("Fixture file not found: " + missing.toAbsolutePath());
        assertThat(app.get("/api/lists").body()).contains("keep me");
    }

    @Test
    void badJsonInAFixtureIsReportedWithFileAndPosition() throws Exception {
        Path broken = write("broken.json", "{\"lists\": [\n  {\"id\": 1,, }]}");

        CliResult result = app.cli("db", "seed", broken.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains(broken + ":2:").contains("not a valid fixture");
    }

    @Test
    void aTypoInAFixtureKeyIsAnError() throws Exception {
        Path typo = write("typo.json", "{\"lits\": []}");

        CliResult result = app.cli("db", "seed", typo.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains(typo.toString()).contains("lits");
    }

    @Test
    void unknownCommandsPrintUsageAndExit2() {
        CliResult result = app.cli("frobnicate");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("unknown command: frobnicate").contains("Usage:");
    }

    @Test
    void malformedChainsAndArgumentsAreUsageErrors() {
        assertThat(app.cli("db", "reset", "+").status()).isEqualTo(2);
        assertThat(app.cli("+", "db", "reset").status()).isEqualTo(2);
        assertThat(app.cli("db", "seed").status()).isEqualTo(2);
        assertThat(app.cli("db", "reset", "now").status()).isEqualTo(2);
        assertThat(app.cli("serve", "+", "db", "reset").status()).isEqualTo(2);
        assertThat(app.cli("create-session", "not-an-email").status()).isEqualTo(2);
        assertThat(app.cli("--colour", "red", "db", "reset").err()).contains("unknown option --colour");
        assertThat(app.cli("db", "reset", "--jdbc-url").err()).contains("--jdbc-url needs a value");
    }

    @Test
    void helpGoesToStdout() {
        CliResult help = app.cli("--help");

        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage:").contains("create-session EMAIL");
    }

    @Test
    void optionsComeBeforeTheCommandAndWinOverTheEnvironment() throws Exception {
        String url = "jdbc:h2:mem:other-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Map<String, String> env = new HashMap<>();
        env.put("TODO_JDBC_URL", "jdbc:h2:mem:not-this-one;IFEXISTS=TRUE");

        CliResult session = RunningApp.cli(env, "--jdbc-url", url, "create-session", "edith@example.com");
        CliResult equalsForm = RunningApp.cli(env, "--jdbc-url=" + url, "db", "reset");

        assertThat(session.status()).as(session.err()).isZero();
        assertThat(equalsForm.status()).as(equalsForm.err()).isZero();
        assertThat(RunningApp.cli(env, "db", "reset").status()).isEqualTo(1);
    }

    @Test
    void aBadPortIsReportedWithItsSource() {
        CliResult result = RunningApp.cli(Map.of("TODO_PORT", "eighty"), "serve");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err())
                .contains("TODO_PORT must be a port number from 0 to 65535")
                .contains("eighty");
    }

    @Test
    void staticExportCopiesTheStaticFiles() throws Exception {
        Path target = dir.resolve("www/static");

        CliResult result =
                RunningApp.cli(Map.of("TODO_JDBC_URL", "jdbc:unreachable:x"), "static", "export", target.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(Files.readString(target.resolve("app.css")))
                .isEqualTo(app.get("/static/app.css").body());
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
