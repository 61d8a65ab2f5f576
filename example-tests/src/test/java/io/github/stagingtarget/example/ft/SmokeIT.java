package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.github.stagingtarget.EnabledOnTarget;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Read-only checks that are safe on every target, production included. */
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
    void stylesheetIsServed(RequestSpecification api) {
        given(api).get("/static/app.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    @EnabledOnTarget(value = "local", reason = "deployed targets report their git commit")
    void localBuildReportsTheDevelopmentVersion(Target target, RequestSpecification api) {
        given(api).get(target.path("version")).then().statusCode(200).body(equalTo("dev"));
    }
}
