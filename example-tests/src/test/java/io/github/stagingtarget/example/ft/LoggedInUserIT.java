package io.github.stagingtarget.example.ft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.DisabledOnTarget;
import io.github.stagingtarget.PreAuthenticated;
import io.github.stagingtarget.ResetDatabase;
import io.github.stagingtarget.Seed;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.session.Sessions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A user logged in through a session created on the server, skipping the login form. The session is made
 * in the same round trip as the reset and the seed.
 */
@StagingTarget
@ResetDatabase
@Seed("fixtures/edith.json")
@PreAuthenticated("edith@example.com")
@DisabledOnTarget(value = "production", reason = "the production guard refuses fixtures")
class LoggedInUserIT {

    @Test
    void edithIsLoggedInAndSeesHerLists(Browser browser, Sessions sessions) {
        WebDriver page = browser.logIn(sessions.create("edith@example.com")).open("home");

        String loggedInAs = new WebDriverWait(page, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("id_logged_in_as")))
                .getText();
        assertThat(loggedInAs).contains("edith@example.com");

        browser.open("my-lists", Map.of("email", "edith@example.com"));
        assertThat(page.findElement(By.tagName("body")).getText()).contains("Buy peacock feathers");
    }
}
