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
import org.junit.jupiter.api.Test;

/**
 * The JSON API, through REST Assured, on whichever target was chosen. The target and a spec are injected
 * into the constructor. Every test works on lists it creates, by the ids the API returns, with items and a
 * user named by {@link Target#unique}, so tests of other classes, and other runs on the same staging
 * server, may run beside it and add lists of their own: no reset needed.
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
        String feathers = target.unique("Buy peacock feathers");
        String fly = target.unique("Use feathers to make a fly");
        int id = newList(feathers, fly);

        List<String> items = given(api)
                .get(target.path("api-list"), id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.text");
        assertThat(items).containsExactly(feathers, fly);
    }

    @Test
    void addsItemsToAnExistingList() {
        int id = newList();
        String milk = target.unique("Buy milk");

        given(api)
                .contentType(ContentType.JSON)
                .body(Map.of("text", milk))
                .post(target.path("api-items"), id)
                .then()
                .statusCode(201)
                .body("text", equalTo(milk));

        given(api).get(target.path("api-list"), id).then().statusCode(200).body("items.text", equalTo(List.of(milk)));
    }

    @Test
    void keepsListsApart() {
        int first = newList(target.unique("Buy milk"));
        String dog = target.unique("Walk the dog");
        int second = newList(dog);

        assertThat(second).isNotEqualTo(first);
        given(api).get(target.path("api-list"), second).then().body("items.text", equalTo(List.of(dog)));
    }

    @Test
    void aListCreatedByALoggedInUserIsTheirs(Sessions sessions) {
        // A user of this run's own, so no other test (of this run, an earlier one or one running beside it on the
        // same server) has lists for them: api-<run id>-<n>@example.com.
        String email = target.unique("api") + "@example.com";
        SessionKey session = sessions.create(email);

        int id = newList(given(api).cookie(session.cookieName(), session.value()), target.unique("Renew the passport"));

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
