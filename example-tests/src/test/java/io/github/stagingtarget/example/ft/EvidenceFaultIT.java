package io.github.stagingtarget.example.ft;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.console.ServerConsole;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Two tests that fail on purpose, so that CI can check what a failure leaves behind (docs/evidence.md): the
 * REST test its HTTP exchanges and server-log lines, the browser test its screenshot, page source and
 * console log, each linked from the Failsafe XML and attached in the Allure results. Runs only with
 * {@code -Dstagingtarget.example.faults=true} (the CI fault check in .ci/run), so a normal build stays green.
 */
@StagingTarget
@NotOnProduction
@EnabledIfSystemProperty(named = "stagingtarget.example.faults", matches = "true")
class EvidenceFaultIT {

    @Test
    void restTestExpectingTheWrongStatus(Target target, RequestSpecification api, ServerConsole console) {
        // What the app would log while handling the request; written through the console like any log line.
        console.run("echo \"$(date -u +%FT%TZ) WARN evidence-fault-check: the list was created twice\" >> "
                        + "target/staging-target/local-app.log")
                .requireSuccess();
        given(api)
                .contentType(ContentType.JSON)
                .body(Map.of("items", List.of("Buy peacock feathers")))
                .post(target.path("api-lists"))
                .then()
                .statusCode(200); // the app answers 201 Created: this test fails on purpose
    }

    @Test
    void browserTestExpectingTheWrongHeading(Browser browser) {
        WebDriver page = browser.open("home");
        assertThat(page.findElement(By.tagName("h1")).getText())
                .as("fails on purpose")
                .isEqualTo("A heading this page does not have");
    }
}
