package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ApiTest {

    private static final String EMPTY_ITEM = "{\"error\":\"You can't have an empty list item\"}";

    @AutoClose
    private final RunningApp app = RunningApp.start();

    @Test
    void createsAListWithItemsAndPointsToIt() throws Exception {
        HttpResponse<String> created = app.postJson("/api/lists/", "{\"items\": [\"Buy milk\", \"Make tea\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/lists/1/");
        assertThat(created.body())
                .isEqualTo(
                        "{\"id\":1,\"owner\":null,\"items\":[{\"id\":1,\"text\":\"Buy milk\"},{\"id\":2,\"text\":\"Make tea\"}]}");
        assertThat(app.get("/api/lists/1/").body()).isEqualTo(created.body());
        assertThat(app.get("/api/lists/1").statusCode()).isEqualTo(200);
        assertThat(app.get("/lists/1/").body()).contains("1: Buy milk").contains("2: Make tea");
    }

    @Test
    void anEmptyBodyCreatesAnEmptyList() throws Exception {
        HttpResponse<String> created =
                app.send(app.request("/api/lists", Optional.empty()).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"id\":1,\"owner\":null,\"items\":[]}");
    }

    @Test
    void addsAnItemToAList() throws Exception {
        app.postJson("/api/lists/", "{\"items\": [\"Buy milk\"]}");

        HttpResponse<String> added = app.postJson("/api/lists/1/items", "{\"text\": \"Make tea\"}");

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).isEqualTo("{\"id\":2,\"text\":\"Make tea\"}");
        assertThat(app.get("/api/lists/1/").body()).contains("{\"id\":2,\"text\":\"Make tea\"}");
    }

    @Test
    void emptyOrMissingTextIs400AndAddsNothing() throws Exception {
        app.postJson("/api/lists/", "{\"items\": [\"Buy milk\"]}");
        String before = app.get("/api/lists/1/").body();

        for (String body : new String[] {"{\"text\": \"\"}", "{\"text\": \"   \"}", "{}", "{\"text\": null}", ""}) {
            HttpResponse<String> refused = app.postJson("/api/lists/1/items", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).isEqualTo(EMPTY_ITEM);
        }
        HttpResponse<String> emptyItemInNewList = app.postJson("/api/lists/", "{\"items\": [\"ok\", \"\"]}");
        assertThat(emptyItemInNewList.statusCode()).isEqualTo(400);
        assertThat(emptyItemInNewList.body()).isEqualTo(EMPTY_ITEM);
        assertThat(app.get("/api/lists/1/").body()).isEqualTo(before);
        assertThat(app.get("/api/lists").body()).startsWith("[{\"id\":1,").doesNotContain("\"id\":2,\"owner\"");
    }

    @Test
    void malformedOrMistypedJsonIs400() throws Exception {
        app.postJson("/api/lists/", "{}");

        for (String body : new String[] {"{\"text\": ", "[\"a\"]", "{\"text\": 5}", "{\"text\": \"a\"} {}"}) {
            HttpResponse<String> refused = app.postJson("/api/lists/1/items", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).startsWith("{\"error\":\"");
        }
        assertThat(app.postJson("/api/lists/", "{\"items\": \"a\"}").statusCode())
                .isEqualTo(400);
        assertThat(app.postJson("/api/lists/1/items", "{\"text\": ").body()).startsWith("{\"error\":\"Malformed JSON");
    }

    @Test
    void unknownListsAre404() throws Exception {
        HttpResponse<String> missing = app.get("/api/lists/42/");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"There is no list 42\"}");

        assertThat(app.postJson("/api/lists/42/items", "{\"text\": \"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(app.get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(app.get("/api/nothing").body()).startsWith("{\"error\":");
    }

    @Test
    void listsAreFoundByOwner() throws Exception {
        Optional<String> edith =
                Optional.of(app.cli("create-session", "edith@example.com").out().strip());
        app.postJson("/api/lists/", "{\"items\": [\"Hers\"]}", edith);
        app.postJson("/api/lists/", "{\"items\": [\"Nobody's\"]}");

        HttpResponse<String> hers = app.get("/api/lists?owner=edith%40example.com");

        assertThat(hers.statusCode()).isEqualTo(200);
        assertThat(hers.body())
                .isEqualTo("[{\"id\":1,\"owner\":\"edith@example.com\",\"items\":[{\"id\":1,\"text\":\"Hers\"}]}]");
        assertThat(app.get("/api/lists?owner=nobody%40example.com").body()).isEqualTo("[]");
        assertThat(app.get("/api/lists").body()).contains("Hers").contains("Nobody's");
    }

    @Test
    void wrongMethodsAre405WithAllow() throws Exception {
        HttpResponse<String> deleted =
                app.send(app.request("/api/lists/", Optional.empty()).DELETE());

        assertThat(deleted.statusCode()).isEqualTo(405);
        assertThat(deleted.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(app.postForm("/api/lists/1/", Map.of()).statusCode()).isEqualTo(405);
    }
}
