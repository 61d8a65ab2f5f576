package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class WebPagesTest {

    @AutoClose
    private final RunningApp app = RunningApp.start();

    @Test
    void homePageInvitesToStartAList() throws Exception {
        HttpResponse<String> home = app.get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(home.body())
                .contains("<h1>Start a new To-Do list</h1>")
                .contains("<form method=\"POST\" action=\"/lists/new\">")
                .contains("<input name=\"item_text\" id=\"id_new_item\" placeholder=\"Enter a to-do item\"")
                .contains("<link rel=\"stylesheet\" href=\"/static/app.css\">")
                .contains("<form method=\"POST\" action=\"/login\">")
                .doesNotContain("id_logged_in_as");
    }

    @Test
    void aNewListGetsItsOwnUrlAndKeepsItsItemsInOrder() throws Exception {
        HttpResponse<String> created = app.postForm("/lists/new", Map.of("item_text", "Buy milk"));
        assertThat(created.statusCode()).isEqualTo(303);
        String listUrl = created.headers().firstValue("Location").orElseThrow();
        assertThat(listUrl).matches("/lists/\\d+/");

        HttpResponse<String> added = app.postForm(listUrl + "items", Map.of("item_text", "Make tea"));
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue(listUrl);

        HttpResponse<String> page = app.get(listUrl);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1>Your To-Do list</h1>")
                .contains("<table id=\"id_list_table\">")
                .contains("<form method=\"POST\" action=\"" + listUrl + "items\">")
                .contains("id=\"id_new_item\"");
        assertThat(page.body().indexOf("<tr><td>1: Buy milk</td></tr>"))
                .isPositive()
                .isLessThan(page.body().indexOf("<tr><td>2: Make tea</td></tr>"));
    }

    @Test
    void aSecondListIsSeparateFromTheFirst() throws Exception {
        String edithsList = app.postForm("/lists/new", Map.of("item_text", "Buy peacock feathers"))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        String francisList = app.postForm("/lists/new", Map.of("item_text", "Buy milk"))
                .headers()
                .firstValue("Location")
                .orElseThrow();

        assertThat(francisList).isNotEqualTo(edithsList);
        assertThat(app.get(francisList).body()).contains("1: Buy milk").doesNotContain("peacock");
        assertThat(app.get(edithsList).body())
                .contains("1: Buy peacock feathers")
                .doesNotContain("milk");
    }

    @Test
    void anEmptyFirstItemIsRefusedOnTheHomePage() throws Exception {
        HttpResponse<String> refused = app.postForm("/lists/new", Map.of("item_text", "  "));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("<h1>Start a new To-Do list</h1>")
                .contains("<div class=\"has-error\">You can't have an empty list item</div>");
        assertThat(app.postForm("/lists/new?item_text=sneaky", Map.of()).statusCode())
                .isEqualTo(400);
        assertThat(app.get("/api/lists").body()).isEqualTo("[]");
    }

    @Test
    void anEmptyItemIsRefusedOnTheListPageAndNothingIsAdded() throws Exception {
        String listUrl = app.postForm("/lists/new", Map.of("item_text", "Buy milk"))
                .headers()
                .firstValue("Location")
                .orElseThrow();

        HttpResponse<String> refused = app.postForm(listUrl + "items", Map.of("item_text", ""));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("<h1>Your To-Do list</h1>")
                .contains("<div class=\"has-error\">You can't have an empty list item</div>")
                .contains("1: Buy milk")
                .doesNotContain("2: ");
        assertThat(app.get(listUrl).body()).doesNotContain("has-error").doesNotContain("2: ");
    }

    @Test
    void userTextIsEscapedEverywhere() throws Exception {
        String evil = "<script>alert(\"x\")</script> & co";
        String listUrl = app.postForm("/lists/new", Map.of("item_text", evil))
                .headers()
                .firstValue("Location")
                .orElseThrow();
        String email = "<i>@example.com";
        String session =
                app.cli("create-session", "o'hara+\"q\"@example.com").out().strip();

        String page = app.get(listUrl, Optional.of(session)).body();

        assertThat(page)
                .contains("1: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co")
                .doesNotContain("<script>")
                .contains("Logged in as o'hara+&quot;q&quot;@example.com");
        assertThat(app.get(Pages.myListsPath(email)).body())
                .contains("&lt;i&gt;@example.com")
                .doesNotContain("<i>@");
        assertThat(app.get("/no/%3Cb%3Esuch%3C/b%3E/page").body()).doesNotContain("<b>such");
    }

    @Test
    void unknownListsAndPagesAre404() throws Exception {
        for (String path : new String[] {"/lists/999/", "/lists/0/", "/lists/99999999999999999999/", "/nope"}) {
            HttpResponse<String> missing = app.get(path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.body()).as(path).contains("<h1>Not found</h1>");
        }
        assertThat(app.postForm("/lists/999/items", Map.of("item_text", "x")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void wrongMethodsAre405() throws Exception {
        HttpResponse<String> getNew = app.get("/lists/new");
        assertThat(getNew.statusCode()).isEqualTo(405);
        assertThat(getNew.headers().firstValue("Allow")).hasValue("POST");
        assertThat(app.postForm("/", Map.of()).statusCode()).isEqualTo(405);
    }

    @Test
    void theStylesheetIsServedFromTheClasspath() throws Exception {
        HttpResponse<String> css = app.get("/static/app.css");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).contains("#id_list_table");
        assertThat(app.get("/static/missing.css").statusCode()).isEqualTo(404);
        assertThat(app.get("/static/../simplelogger.properties").statusCode()).isIn(400, 404);
    }

    @Test
    void loggingInShowsTheUserAndTheirListsAndLoggingOutForgetsThem() throws Exception {
        HttpResponse<String> login = app.postForm("/login", Map.of("email", "edith@example.com"));
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("sessionid=")
                .containsIgnoringCase("HttpOnly")
                .contains("Path=/");
        Optional<String> session = Optional.of(cookie.substring("sessionid=".length(), cookie.indexOf(';')));

        assertThat(app.get("/", session).body())
                .contains("<span id=\"id_logged_in_as\">Logged in as edith@example.com</span>")
                .contains("<form method=\"POST\" action=\"/logout\">")
                .doesNotContain("action=\"/login\"");

        String listUrl = app.postForm("/lists/new", Map.of("item_text", "Reticulate splines"), session)
                .headers()
                .firstValue("Location")
                .orElseThrow();
        app.postForm("/lists/new", Map.of("item_text", "Anonymous list"));
        assertThat(app.get(listUrl).body()).contains("<span id=\"id_list_owner\">edith@example.com</span>");
        assertThat(app.get("/lists/users/edith%40example.com/", session).body())
                .contains("<h1>My lists</h1>")
                .contains("<a href=\"" + listUrl + "\">Reticulate splines</a>")
                .doesNotContain("Anonymous list");

        HttpResponse<String> logout = app.postForm("/logout", Map.of(), session);
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("sessionid=;")
                .contains("Expires=Thu, 01 Jan 1970");
        assertThat(app.get("/", session).body()).doesNotContain("Logged in as").contains("action=\"/login\"");
    }

    @Test
    void anInvalidEmailDoesNotLogIn() throws Exception {
        HttpResponse<String> refused = app.postForm("/login", Map.of("email", "not an email"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(refused.body()).contains("class=\"has-error\"");
    }

    @Test
    void anUnknownSessionCookieCountsAsLoggedOut() throws Exception {
        assertThat(app.get("/", Optional.of("forged")).body()).doesNotContain("Logged in as");
    }
}
