package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With an SMTP server configured, logging in goes through a one-time link sent by e-mail. */
class EmailLoginTest {

    private static final Pattern LINK = Pattern.compile("http://\\S+/login/confirm\\?token=[A-Za-z0-9_-]+");

    private GreenMail smtp;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        app = RunningApp.start(Map.of(
                "TODO_SMTP_HOST",
                "127.0.0.1",
                "TODO_SMTP_PORT",
                Integer.toString(smtp.getSmtp().getPort())));
    }

    @AfterEach
    void stop() {
        app.close();
        smtp.stop();
    }

    @Test
    void theMailedLinkLogsInOnceAndTheFormAloneDoesNot() throws Exception {
        HttpResponse<String> asked = app.postForm("/login", Map.of("email", "edith@example.com"));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(asked.body()).contains("We sent a login link to edith@example.com");

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Your login link for To-Do lists");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("edith@example.com");
        Matcher link = LINK.matcher(new String(mail.getInputStream().readAllBytes()));
        assertThat(link.find()).as("a login link in the mail").isTrue();
        String path = link.group().substring(link.group().indexOf("/login/"));

        HttpResponse<String> confirmed = app.get(path);
        assertThat(confirmed.statusCode()).isEqualTo(303);
        String cookie = confirmed.headers().firstValue("Set-Cookie").orElseThrow();
        Optional<String> session = Optional.of(cookie.substring("sessionid=".length(), cookie.indexOf(';')));
        assertThat(app.get("/", session).body()).contains("Logged in as edith@example.com");

        HttpResponse<String> again = app.get(path);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This login link is invalid or has expired");
        assertThat(app.get("/login/confirm?token=made-up").statusCode()).isEqualTo(400);
    }
}
