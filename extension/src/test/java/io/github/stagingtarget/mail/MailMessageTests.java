package io.github.stagingtarget.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MailMessageTests {

    private static final String MULTIPART = String.join(
            "\r\n",
            "Return-Path: <noreply@todo.test>",
            "X-Original-To: edith+k3x9q2mz@todo.test",
            "Delivered-To: todo-staging@localhost",
            "From: =?UTF-8?Q?To=2DDo_Lists?= <noreply@todo.test>",
            "To: Edith <edith+k3x9q2mz@todo.test>",
            "Cc: audit@todo.test",
            "Subject: =?UTF-8?Q?Your_login_link_=E2=80=93_To-Do?=",
            "Date: Thu, 03 Dec 2026 22:00:00 +0000",
            "X-Mailer: todo",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Log in: https://todo.test/login/?token=3Dabc123&next=3D/lists/.",
            "Caf=C3=A9 ouvert.",
            "--b1",
            "Content-Type: text/html; charset=UTF-8",
            "",
            "<p><a href=\"https://todo.test/login/?token=abc123&amp;next=/lists/\">Log in</a>"
                    + " or <a href='mailto:help@todo.test'>ask</a> <a href=\"http://todo.test/help\">help</a></p>",
            "--b1",
            "Content-Type: text/plain; name=notes.txt",
            "Content-Disposition: attachment; filename=notes.txt",
            "",
            "not the body",
            "--b1--",
            "");

    private final MailMessage mail = MailMessage.parse(MULTIPART.getBytes(StandardCharsets.UTF_8));

    @Test
    void readsAddressesSubjectAndDate() {
        assertThat(mail.subject()).isEqualTo("Your login link – To-Do");
        assertThat(mail.from()).isEqualTo("noreply@todo.test");
        assertThat(mail.to()).containsExactly("edith+k3x9q2mz@todo.test");
        assertThat(mail.cc()).containsExactly("audit@todo.test");
        assertThat(mail.recipients())
                .containsExactly("edith+k3x9q2mz@todo.test", "audit@todo.test", "todo-staging@localhost");
        assertThat(mail.sentAt()).contains(Instant.parse("2026-12-03T22:00:00Z"));
        assertThat(mail)
                .hasToString("from noreply@todo.test to [edith+k3x9q2mz@todo.test, audit@todo.test, "
                        + "todo-staging@localhost] \"Your login link – To-Do\"");
    }

    @Test
    void readsBothBodiesButNotAttachments() {
        assertThat(mail.text())
                .isEqualTo("Log in: https://todo.test/login/?token=abc123&next=/lists/.\r\nCafé ouvert.");
        assertThat(mail.html()).startsWith("<p><a href=").doesNotContain("not the body");
    }

    @Test
    void readsHeadersByAnyCase() {
        assertThat(mail.header("x-mailer")).contains("todo");
        assertThat(mail.header("X-MAILER")).contains("todo");
        assertThat(mail.headers("Delivered-To")).containsExactly("todo-staging@localhost");
        assertThat(mail.header("Subject")).contains("Your login link – To-Do");
        assertThat(mail.header("X-Nothing")).isEmpty();
    }

    @Test
    void findsHttpLinksOnceEachInHtmlThenText() {
        assertThat(mail.links())
                .containsExactly("https://todo.test/login/?token=abc123&next=/lists/", "http://todo.test/help");
        assertThat(mail.link("/login/")).isEqualTo("https://todo.test/login/?token=abc123&next=/lists/");
        assertThatThrownBy(() -> mail.link("/reset/"))
                .isInstanceOf(MailboxException.class)
                .hasMessage("No link containing '/reset/' in " + mail + "; its links are "
                        + "[https://todo.test/login/?token=abc123&next=/lists/, http://todo.test/help]");
    }

    @Test
    void aPlainMessageWithAMalformedAddressStillParses() {
        MailMessage plain =
                MailMessage.parse("From: not an address\r\nTo: a@x.test, b@x.test\r\nSubject: Hi\r\n\r\nhello\r\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(plain.from()).isEqualTo("not an address");
        assertThat(plain.to()).containsExactly("a@x.test", "b@x.test");
        assertThat(plain.text()).isEqualTo("hello\r\n");
        assertThat(plain.html()).isEmpty();
        assertThat(plain.links()).isEmpty();
        assertThat(plain.sentAt()).isEmpty();
    }

    @Test
    void filtersMatchRecipientCaseInsensitivelyAndEveryTextCondition() {
        assertThat(MailFilter.to("EDITH+k3x9q2mz@todo.test").matches(mail)).isTrue();
        assertThat(MailFilter.to("todo-staging@localhost").matches(mail))
                .as("envelope recipient")
                .isTrue();
        assertThat(MailFilter.to("edith@todo.test").matches(mail)).isFalse();
        assertThat(MailFilter.any()
                        .subjectContains("login link")
                        .bodyContains("Café")
                        .matches(mail))
                .isTrue();
        assertThat(MailFilter.any().bodyContains("&amp;next").matches(mail))
                .as("the HTML body")
                .isTrue();
        assertThat(MailFilter.any()
                        .subjectContains("login link")
                        .subjectContains("reset")
                        .matches(mail))
                .isFalse();
        assertThat(MailFilter.any().from("NOREPLY@todo.test").matches(mail)).isTrue();
        assertThat(MailFilter.any().from("other@todo.test").matches(mail)).isFalse();
        assertThat(MailFilter.to("e@x.test").subjectContains("Hi").bodyContains("/login/"))
                .hasToString("to e@x.test, subject containing \"Hi\", body containing \"/login/\"");
        assertThat(MailFilter.any()).hasToString("any message");
        assertThatThrownBy(() -> MailFilter.to(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("address must not be blank, but was ' '");
    }
}
