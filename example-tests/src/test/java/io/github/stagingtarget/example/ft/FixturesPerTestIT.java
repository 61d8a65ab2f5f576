package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.github.stagingtarget.PreAuthenticated;
import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.session.SessionKey;
import io.github.stagingtarget.session.Sessions;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixtures on a test method run before that test only, in one round trip each: every test here names the
 * data it starts from, so the tests pass in any order. A reset on any method makes the whole class take the
 * database lock exclusively.
 */
@StagingTarget
@NotOnProduction
class FixturesPerTestIT {

    @Test
    @ResetDatabase
    void aResetBeforeATestEmptiesTheDatabase(Target target, RequestSpecification api) {
        given(api).get(target.path("api-lists")).then().statusCode(200).body("$", empty());
    }

    @Test
    @ResetDatabase
    @Seed("fixtures/francis.json")
    void aTestSeedsJustTheDataItNeeds(Target target, RequestSpecification api) {
        given(api)
                .get(target.path("api-lists"))
                .then()
                .statusCode(200)
                .body("owner", equalTo(List.of("francis@example.com")))
                .body("[0].items.text", equalTo(List.of("Buy milk")));
    }

    @Test
    @ResetDatabase
    @Seed("fixtures/edith.json")
    @PreAuthenticated("edith@example.com")
    void aSessionMadeInTheSameRoundTripLogsTheUserIn(Target target, RequestSpecification api, Sessions sessions) {
        SessionKey edith = sessions.create("edith@example.com"); // made by the fixture script, no extra command

        given(api)
                .cookie(edith.cookieName(), edith.value())
                .get(target.path("home"))
                .then()
                .statusCode(200)
                .body(containsString("Logged in as edith@example.com"));
    }
}
