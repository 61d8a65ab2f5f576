package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Starts from a known database: reset and seeded once for the class, in one round trip to the server (a
 * local process on the local target, one SSH channel on staging). Because it resets, the class holds the
 * database lock exclusively: no other class runs while it does, so nobody adds lists under its feet and its
 * tests only read. The seeded lists get their ids from the database; the tests find them by owner.
 */
@StagingTarget
@ResetDatabase
@Seed({"fixtures/edith.json", "fixtures/francis.json"})
@NotOnProduction
class SeededListsIT {

    /** The id of the one list the seed gave this user. */
    private static int seededListOf(String owner, Target target, RequestSpecification api) {
        return given(api)
                .queryParam("owner", owner)
                .get(target.path("api-lists"))
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .extract()
                .path("[0].id");
    }

    @Test
    void theDatabaseHoldsExactlyTheSeededLists(Target target, RequestSpecification api) {
        given(api)
                .get(target.path("api-lists"))
                .then()
                .statusCode(200)
                .body("owner", equalTo(List.of("edith@example.com", "francis@example.com")));
    }

    @Test
    void aSeededListIsServedByTheApi(Target target, RequestSpecification api) {
        int ediths = seededListOf("edith@example.com", target, api);

        given(api)
                .get(target.path("api-list"), ediths)
                .then()
                .statusCode(200)
                .body("owner", equalTo("edith@example.com"))
                .body("items.text", equalTo(List.of("Buy peacock feathers", "Use feathers to make a fly")));
    }

    @Test
    void aSeededListHasItsOwnPage(Target target, RequestSpecification api) {
        int francis = seededListOf("francis@example.com", target, api);

        given(api).get(target.path("list"), francis).then().statusCode(200).body(containsString("1: Buy milk"));
    }

    @Test
    void aSeededUsersPageLinksTheirList(Target target, RequestSpecification api) {
        int ediths = seededListOf("edith@example.com", target, api);

        given(api)
                .get(target.path("my-lists"), "edith@example.com")
                .then()
                .statusCode(200)
                .body(containsString("href=\"" + target.url("list", ediths).getPath() + "\""))
                .body(containsString("Buy peacock feathers"));
    }
}
