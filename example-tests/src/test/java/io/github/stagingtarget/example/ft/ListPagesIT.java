package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.DisabledOnTarget;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The server-rendered pages, as a browser without JavaScript would use them. */
@StagingTarget
@DisabledOnTarget(value = "production", reason = "creates lists")
class ListPagesIT {

    private static Response submitNewList(RequestSpecification api, Target target, String item) {
        return given(api).redirects().follow(false).formParam("item_text", item).post(target.path("new-list"));
    }

    @Test
    void aNewListGetsItsOwnUrlAndShowsItsItems(Target target, RequestSpecification api) {
        Response created = submitNewList(api, target, "Buy peacock feathers");

        assertThat(created.statusCode()).isEqualTo(303);
        URI list = target.baseUri().resolve(created.header("Location"));
        assertThat(list.getPath()).matches("/lists/\\d+/");

        String page = given(api).get(list).then().statusCode(200).extract().asString();
        assertThat(page).contains("Your To-Do list").contains("1: Buy peacock feathers");
    }

    @Test
    void itemTextIsEscaped(Target target, RequestSpecification api) {
        URI list = target.baseUri()
                .resolve(submitNewList(api, target, "<script>alert(1)</script>").header("Location"));

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
