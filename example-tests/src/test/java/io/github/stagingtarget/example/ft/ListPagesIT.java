package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The server-rendered pages, as a browser without JavaScript would use them. Every test starts its own list
 * (with a run-unique item, {@link Target#unique}) and follows the address the app answers with, so tests of
 * other classes and other runs on the same server may run beside it.
 */
@StagingTarget
@NotOnProduction
class ListPagesIT {

    private static Response submitNewList(RequestSpecification api, Target target, String item) {
        return given(api).redirects().follow(false).formParam("item_text", item).post(target.path("new-list"));
    }

    /** Where the app sent us: a relative {@code Location} header resolves against the target's base URI. */
    private static URI location(Target target, Response response) {
        return target.baseUri().resolve(response.header("Location"));
    }

    @Test
    void aNewListGetsItsOwnUrlAndShowsItsItems(Target target, RequestSpecification api) {
        String item = target.unique("Buy peacock feathers");
        Response created = submitNewList(api, target, item);

        assertThat(created.statusCode()).isEqualTo(303);
        String path = location(target, created).getPath();
        assertThat(path).matches("/lists/\\d+/");
        String id = path.replaceAll("\\D", "");

        // The named path "list" with the id the app gave us: the same address on every target.
        String page = given(api)
                .get(target.path("list"), id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).contains("Your To-Do list").contains("1: " + item);
    }

    @Test
    void itemTextIsEscaped(Target target, RequestSpecification api) {
        URI list = location(target, submitNewList(api, target, "<script>alert(1)</script>"));

        String page = given(api).get(list).asString();
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @Test
    void anEmptyItemIsRefusedWithAMessage(Target target, RequestSpecification api) {
        Response refused = submitNewList(api, target, "");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.asString()).contains("You can't have an empty list item");
    }
}
