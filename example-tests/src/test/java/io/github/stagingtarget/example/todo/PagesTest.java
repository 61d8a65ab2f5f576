package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PagesTest {

    @Test
    void escapesMarkupButKeepsApostrophes() {
        assertThat(Pages.escape("<a href=\"x\">Tom & Jerry's</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;");
    }

    @Test
    void encodesEmailsAsPathSegments() {
        assertThat(Pages.myListsPath("edith+todo@example.com")).isEqualTo("/lists/users/edith%2Btodo@example.com/");
        assertThat(Pages.pathSegment("a/b ü")).isEqualTo("a%2Fb%20%C3%BC");
    }
}
