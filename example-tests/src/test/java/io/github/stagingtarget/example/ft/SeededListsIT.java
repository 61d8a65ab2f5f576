package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.github.stagingtarget.DisabledOnTarget;
import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts from a known database: reset and seeded once for the class, in one round trip to the server
 * (a local process on the local target, one SSH channel on staging).
 */
@StagingTarget
@ResetDatabase
@Seed({"fixtures/edith.json", "fixtures/francis.json"})
@DisabledOnTarget(value = "production", reason = "the production guard refuses fixtures")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeededListsIT {

    @Test
    void seededListsAreServedAtTheirIds(Target target, RequestSpecification api) {
        given(api)
                .get(target.path("api-list"), 1)
                .then()
                .statusCode(200)
                .body("owner", equalTo("edith@example.com"))
                .body("items.text", equalTo(List.of("Buy peacock feathers", "Use feathers to make a fly")));
        given(api).get(target.path("api-list"), 2).then().body("items.text", equalTo(List.of("Buy milk")));
    }

    @Test
    void eachUserOwnsExactlyTheirSeededList(RequestSpecification api, Target target) {
        given(api)
                .queryParam("owner", "francis@example.com")
                .get(target.path("api-lists"))
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(2));
    }

    @Test
    @Order(Integer.MAX_VALUE) // empties the database the other tests read
    @ResetDatabase
    void aResetBeforeOneTestEmptiesTheDatabase(Target target, RequestSpecification api) {
        given(api).get(target.path("api-list"), 1).then().statusCode(404);
    }
}
