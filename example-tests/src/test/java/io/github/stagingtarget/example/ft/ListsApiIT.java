package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.session.SessionKey;
import io.github.stagingtarget.session.Sessions;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The JSON API, through REST Assured, on whichever target was chosen. The target and a spec are injected
 * into the constructor. Every test works on lists it creates, by the ids the API returns, and on a user of
 * its own, so tests of other classes may run beside it and add lists of their own.
 */
@StagingTarget
@NotOnProduction
class ListsApiIT {

    /** List ids are positive (the app answers 404 for anything else), so no list ever has this one. */
    private static final int NO_SUCH_LIST = 0;

    private final Target target;
    private final RequestSpecification api;

    ListsApiIT(Target target, RequestSpecification api) {
        this.target = target;
        this.api = api;
    }

    private int newList(String... items) {
        return newList(given(api), items);
    }

    private int newList(RequestSpecification request, String... items) {
        return given(request)
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
    void aListCreatedByALoggedInUserIsTheirs(Sessions sessions) {
        // A user of this test's own, so no other test (of this run or an earlier one) has lists for them.
        String email = "api-" + UUID.randomUUID() + "@example.com";
        SessionKey session = sessions.create(email);

        int id = newList(given(api).cookie(session.cookieName(), session.value()), "Renew the passport");

        given(api).get(target.path("api-list"), id).then().body("owner", equalTo(email));
        given(api)
                .queryParam("owner", email)
                .get(target.path("api-lists"))
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(id));
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
        given(api).get(target.path("api-list"), NO_SUCH_LIST).then().statusCode(404);
    }
}
