package io.github.stagingtarget.example.ft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The classic new-visitor story, in a real browser, on whichever target was chosen. The browser lives as long
 * as the configured {@code browser.reuse} says ({@code per-class} by default: one Chromium for this class,
 * cleared between its tests). The lists are the visitors' own, so other classes may run beside it.
 */
@StagingTarget
@NotOnProduction
class NewVisitorIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static void addItem(WebDriver page, String text) {
        WebElement input =
                new WebDriverWait(page, PATIENCE).until(ExpectedConditions.elementToBeClickable(By.id("id_new_item")));
        input.sendKeys(text, Keys.ENTER);
    }

    private static void waitForRow(WebDriver page, String row) {
        new WebDriverWait(page, PATIENCE)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("id_list_table"), row));
    }

    @Test
    void edithStartsAListAndFrancisGetsHisOwn(Browser browser) {
        // Edith has heard about a cool new online to-do app and goes to its home page.
        WebDriver page = browser.open("home");
        assertThat(page.findElement(By.tagName("h1")).getText()).contains("Start a new To-Do list");
        assertThat(page.findElement(By.id("id_new_item")).getAttribute("placeholder"))
                .isEqualTo("Enter a to-do item");

        // She types her first item and presses enter: the page updates and lists it at the list's own URL.
        addItem(page, "Buy peacock feathers");
        waitForRow(page, "1: Buy peacock feathers");
        String ediths = page.getCurrentUrl();
        assertThat(ediths).matches(".*/lists/\\d+/");

        // She adds a second item; both are listed.
        addItem(page, "Use peacock feathers to make a fly");
        waitForRow(page, "2: Use peacock feathers to make a fly");
        assertThat(page.findElement(By.id("id_list_table")).getText()).contains("1: Buy peacock feathers");

        // Francis comes along in a fresh session: nothing of Edith's is on the home page.
        page.manage().deleteAllCookies();
        browser.open("home");
        assertThat(page.findElement(By.tagName("body")).getText()).doesNotContain("Buy peacock feathers");

        // He starts his own list, which gets its own URL and does not show Edith's items.
        addItem(page, "Buy milk");
        waitForRow(page, "1: Buy milk");
        assertThat(page.getCurrentUrl()).matches(".*/lists/\\d+/").isNotEqualTo(ediths);
        assertThat(page.findElement(By.id("id_list_table")).getText()).doesNotContain("peacock");
    }

    @Test
    void anEmptyItemIsRefusedWithAMessage(WebDriver page, Target target) {
        // The bare Selenium driver is injectable too: the same browser a Browser parameter would wrap.
        page.get(target.url("home").toString());
        addItem(page, "");

        WebElement error = new WebDriverWait(page, PATIENCE)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".has-error")));
        assertThat(error.getText()).isEqualTo("You can't have an empty list item");
    }
}
