package io.github.stagingtarget.example.ft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.BrowserReuse;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A user logged in through a session created on the server, skipping the login form. The first session is
 * made in the same round trip as the reset and the seed. The class resets, so it holds the database lock
 * exclusively while it runs.
 *
 * <p>A browser that has held a user's session is never handed to another test here, not even cleared:
 * {@code @BrowserReuse(PER_TEST)} overrides the configured {@code browser.reuse} for this class, at the price
 * of a browser start per test.
 */
@StagingTarget
@ResetDatabase
@Seed("fixtures/edith.json")
@PreAuthenticated("edith@example.com")
@BrowserReuse(BrowserReuse.Policy.PER_TEST)
@NotOnProduction
class LoggedInUserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static WebElement visible(WebDriver page, String id) {
        return new WebDriverWait(page, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    @Test
    void edithIsLoggedInAndSeesHerLists(Browser browser, Sessions sessions) {
        WebDriver page = browser.logIn(sessions.create("edith@example.com")).open("home");

        assertThat(visible(page, "id_logged_in_as").getText()).contains("edith@example.com");

        browser.open("my-lists", Map.of("email", "edith@example.com"));
        assertThat(page.findElement(By.id("id_my_lists")).getText()).contains("Buy peacock feathers");
    }

    @Test
    void edithLogsOut(Browser browser, Sessions sessions) {
        WebDriver page = browser.logIn(sessions.create("edith@example.com")).open("home");

        visible(page, "id_logout").click();

        assertThat(visible(page, "id_login").getText()).isEqualTo("Log in");
        assertThat(page.findElements(By.id("id_logged_in_as"))).isEmpty();
    }
}
