package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.secrets.SecretMask;
import org.junit.jupiter.api.Test;

class RedactorTests {

    @Test
    void masksCredentialsAndSecretLookingParametersInUrls() {
        assertThat(Redactor.url("https://alice:s3cret@staging.example.com/lists/7/?token=abc123&page=2&api_key=k#top"))
                .isEqualTo("https://****@staging.example.com/lists/7/?token=****&page=2&api_key=****#top");
        assertThat(Redactor.url("http://127.0.0.1:8080/lists/7/")).isEqualTo("http://127.0.0.1:8080/lists/7/");
    }

    @Test
    void masksPasswordFieldValuesButKeepsTheRestOfThePage() {
        String html =
                "<form><input name=\"user\" value=\"alice\"><input type=\"password\" value=\"hunter2\" name=\"pw\">"
                        + "<a href=\"/reset?session=xyz\">reset</a></form>";

        assertThat(Redactor.html(html, new SecretMask()))
                .isEqualTo(
                        "<form><input name=\"user\" value=\"alice\"><input type=\"password\" value=\"****\" name=\"pw\">"
                                + "<a href=\"/reset?session=****\">reset</a></form>");
    }
}
