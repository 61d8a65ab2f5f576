package io.github.stagingtarget.example.ft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.mail.MailFilter;
import io.github.stagingtarget.mail.MailMessage;
import io.github.stagingtarget.mail.Mailbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Passwordless login: the visitor enters an address, the app mails a one-time link, following it logs in. The
 * test reads that mail where it lands: locally from the SMTP server the extension starts for the app, on staging
 * from the host's postfix Maildir over SSH. Each run gets its own address ({@code edith+<run id>@…}), so runs
 * sharing the staging mailbox never read each other's links.
 */
@StagingTarget
@NotOnProduction
class EmailLoginIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static WebElement visible(WebDriver page, String id) {
        return new WebDriverWait(page, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    @Test
    void aNewVisitorLogsInThroughTheLinkInTheEmail(Browser browser, Mailbox mailbox) {
        String edith = mailbox.address("edith");

        // Edith enters her address to log in; the app says a link is on its way.
        WebDriver page = browser.open("home");
        visible(page, "id_email").sendKeys(edith);
        page.findElement(By.id("id_login")).click();
        assertThat(visible(page, "id_check_email").getText()).contains(edith);
        assertThat(page.findElements(By.id("id_logged_in_as"))).isEmpty();

        // The e-mail arrives, from the app, with a login link in both bodies.
        MailMessage mail = mailbox.await(MailFilter.to(edith).subjectContains("login link"));
        assertThat(mail.from()).isEqualTo("noreply@todo.test");
        assertThat(mail.to()).containsExactly(edith);
        assertThat(mail.text()).contains("It works once, within 15 minutes");
        String link = mail.link("/login/confirm?token=");
        assertThat(mail.html()).contains("id=\"login-link\"");

        // Following it logs her in.
        page.get(link);
        assertThat(visible(page, "id_logged_in_as").getText()).contains(edith);

        // The link works only once.
        page.manage().deleteAllCookies();
        page.get(link);
        assertThat(visible(page, "id_login").getText()).isEqualTo("Log in");
        assertThat(page.findElement(By.cssSelector(".has-error")).getText())
                .isEqualTo("This login link is invalid or has expired; ask for a new one");
    }
}
