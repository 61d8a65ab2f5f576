package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.github.stagingtarget.DisabledOnTarget;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON API, through REST Assured, on whichever target was chosen. */
@StagingTarget
@DisabledOnTarget(value = "production", reason = "creates lists")
class ListsApiIT {

    private final Target target;
    private final RequestSpecification api;

    ListsApiIT(Target target, RequestSpecification api) {
        this.target = target;
        this.api = api;
    }

    private int newList(String... items) {
        return given(api)
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of(items)))
                .post(target.path("api-lists"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void createsAListWithItsFirstItems() {
        int id = newList("Buy peacock feathers", "Use feathers to make a fly");

        List<String> items = given(api)
                .get(target.path("api-list"), id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.text");
        assertThat(items).containsExactly("Buy peacock feathers", "Use feathers to make a fly");
    }

    @Test
    void addsItemsToAnExistingList() {
        int id = newList();

        given(api)
                .contentType(ContentType.JSON)
                .body(Map.of("text", "Buy milk"))
                .post(target.path("api-items"), id)
                .then()
                .statusCode(201)
                .body("text", equalTo("Buy milk"));

        given(api)
                .get(target.path("api-list"), id)
                .then()
                .statusCode(200)
                .body("items.text", equalTo(List.of("Buy milk")));
    }

    @Test
    void keepsListsApart() {
        int first = newList("Buy milk");
        int second = newList("Walk the dog");

        assertThat(second).isNotEqualTo(first);
        given(api).get(target.path("api-list"), second).then().body("items.text", equalTo(List.of("Walk the dog")));
    }

    @Test
    void refusesAnEmptyItem() {
        int id = newList();

        given(api)
                .contentType(ContentType.JSON)
                .body(Map.of("text", ""))
                .post(target.path("api-items"), id)
                .then()
                .statusCode(400)
                .body("error", equalTo("You can't have an empty list item"));
    }

    @Test
    void answersNotFoundForAMissingList() {
        given(api).get(target.path("api-list"), 987654321).then().statusCode(404);
    }
}
