package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.github.stagingtarget.EnabledOnTarget;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Read-only checks that are safe on every target: the only class the production run keeps. It resets
 * nothing, so it shares the database lock and runs beside any other class that does not change data.
 */
@StagingTarget
class SmokeIT {

    @Test
    void homePageOffersToStartAList(Target target, RequestSpecification api) {
        given(api)
                .get(target.path("home"))
                .then()
                .statusCode(200)
                .body(containsString("Start a new To-Do list"))
                .body(containsString("id=\"id_new_item\""));
    }

    @Test
    void stylesheetIsServed(Target target, RequestSpecification api) {
        given(api).get(target.path("stylesheet")).then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    @EnabledOnTarget(value = "local", reason = "deployed targets report their git commit")
    void localBuildReportsTheDevelopmentVersion(Target target, RequestSpecification api) {
        given(api).get(target.path("version")).then().statusCode(200).body(equalTo("dev"));
    }
}
