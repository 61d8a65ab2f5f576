package io.github.stagingtarget.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one masking policy: names, URL user-info, assignments and the run's secret values. */
class SecretMaskTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "API_KEY",
                "JWT_PRIVATE_KEY",
                "DB_PASS",
                "AUTH_TOKEN",
                "SMTP_PASSWORD",
                "CLIENT_SECRET",
                "PGPASSWORD",
                "PW",
                "apiKey",
                "x-api-key",
                "signing-key",
                "passphrase",
                "GITHUB_TOKEN",
                "aws_secret_access_key",
                "credentials"
            })
    void secretNames(String name) {
        assertThat(SecretMask.isSecretName(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "base-url",
                "cookie-name",
                "host-key-policy",
                "known-hosts",
                "PWD",
                "identity",
                "keepalive",
                "passenger",
                "max-sessions",
                "key"
            })
    void ordinaryNames(String name) {
        assertThat(SecretMask.isSecretName(name)).as(name).isFalse();
    }

    @Test
    void keysAreSecretBySegmentButKeysEndingInEnvOnlyNameAVariable() {
        assertThat(SecretMask.isSecretKey("launch.env.DB_PASSWORD")).isTrue();
        assertThat(SecretMask.isSecretKey("db.password.primary")).isTrue();
        assertThat(SecretMask.isSecretKey("ssh.passphrase")).isTrue();
        assertThat(SecretMask.isSecretKey("ssh.password-env")).isFalse();
        assertThat(SecretMask.isSecretKey("session.cookie-name")).isFalse();
    }

    @Test
    void masksTheRunsValuesLongestFirst() {
        SecretMask mask = new SecretMask();
        mask.add("hunter2-long");
        mask.add("hunter2");
        mask.add("ok"); // too short to mask without hiding ordinary text
        mask.add(null);

        assertThat(mask.apply("login with hunter2-long then hunter2: ok")).isEqualTo("login with **** then ****: ok");
    }

    @Test
    void masksUrlUserInfoAssignmentsOptionsAndJsonMembers() {
        assertThat(SecretMask.redact("postgres://app:pw1@db/app and https://TOKEN@github.com/x"))
                .isEqualTo("postgres://****@db/app and https://****@github.com/x");
        assertThat(SecretMask.redact("PGPASSWORD=s3 psql; DB_PASS='a b' x; API_KEY=\"k\" y; HOME=/root"))
                .isEqualTo("PGPASSWORD=**** psql; DB_PASS=**** x; API_KEY=**** y; HOME=/root");
        assertThat(SecretMask.redact("/lists/7/?token=abc123&page=2&api_key=k&sid=s1#top"))
                .isEqualTo("/lists/7/?token=****&page=2&api_key=****&sid=****#top");
        assertThat(SecretMask.redact("app --password hunter2 --db-password=x --verbose -p 5432"))
                .isEqualTo("app --password **** --db-password=**** --verbose -p 5432");
        assertThat(SecretMask.redact("{\"user\": \"ada\", \"password\": \"s3\"}"))
                .isEqualTo("{\"user\": \"ada\", \"password\": \"****\"}");
        // A harmless attribute does not hide the secret parameter inside it.
        assertThat(SecretMask.redact("<a href=\"/reset?session=xyz\">")).isEqualTo("<a href=\"/reset?session=****\">");
    }

    @Test
    void argumentListsHideTheValueAfterASecretOption() {
        assertThat(new SecretMask().applyToArguments(List.of("serve", "--db-password", "hunter2", "--port", "8080")))
                .containsExactly("serve", "--db-password", "****", "--port", "8080");
    }

    @Test
    void secretsWrittenInsideValuesJoinTheRunsMask() {
        SecretMask mask = new SecretMask();
        mask.addSecretsIn(List.of(
                "PGPASSWORD=inline-1 psql", "https://bob:url-pw-2@host/", "--token=opt-3", "--password", "arg-4"));

        assertThat(mask.apply("echo inline-1 url-pw-2 opt-3 arg-4")).isEqualTo("echo **** **** **** ****");
    }

    @Test
    void aSettingIsSecretByItsKeyOrByTheSecretVariableItIs() {
        assertThat(SecretMask.isSecretSetting("staging-target.targets.staging.values.admin-password", List.of()))
                .isTrue();
        assertThat(SecretMask.isSecretSetting("staging-target.targets.staging.values.login", List.of("ADMIN_TOKEN")))
                .isTrue();
        assertThat(SecretMask.isSecretSetting("staging-target.targets.staging.values.login", List.of("ADMIN_USER")))
                .isFalse();
        assertThat(SecretMask.isSecretSetting("staging-target.targets.staging.values.admin-email", List.of()))
                .isFalse();
        assertThat(SecretMask.isSecretSetting("staging-target.targets.staging.ssh.password-env", List.of()))
                .as("names the variable, is not its value")
                .isFalse();
    }
}
