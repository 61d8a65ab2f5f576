package io.github.stagingtarget.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Set;
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

    @Test
    void credentialHeadersKeepTheirSchemeAndCookiesTheirNames() {
        SecretMask mask = new SecretMask();
        Set<String> none = Set.of();

        assertThat(mask.applyToHeader("Authorization", "Bearer abc.def.ghi", none))
                .isEqualTo("Bearer ****");
        assertThat(mask.applyToHeader("proxy-authorization", "Basic dXNlcjpwdw==", none))
                .isEqualTo("Basic ****");
        assertThat(mask.applyToHeader("Authorization", "opaque-token", none)).isEqualTo("****");
        assertThat(mask.applyToHeader("Cookie", "sid=s3cr3t; theme=dark", none)).isEqualTo("sid=****; theme=****");
        assertThat(mask.applyToHeader("Set-Cookie", "sid=s3cr3t; Path=/; HttpOnly", none))
                .isEqualTo("sid=****; Path=/; HttpOnly");
        assertThat(mask.applyToHeader("X-Auth-Token", "t0k3n-value", none)).isEqualTo("****");
        assertThat(mask.applyToHeader("X-Api-Key", "k3y-value", none)).isEqualTo("****");
        assertThat(mask.applyToHeader("X-Tenant", "acme", Set.of("x-tenant"))).isEqualTo("****");
        assertThat(mask.applyToHeader("Content-Type", "application/json", none)).isEqualTo("application/json");
        assertThat(mask.applyToHeader("Location", "https://bob:pw@host/?token=abc", none))
                .isEqualTo("https://****@host/?token=****");
    }

    @Test
    void secretsCarriedByHeadersIncludeTheBasicPassword() {
        String basic = Base64.getEncoder().encodeToString("alice:wonder-pass".getBytes());

        assertThat(SecretMask.secretsInHeader("Authorization", "Basic " + basic, Set.of()))
                .containsExactly(basic, "wonder-pass");
        assertThat(SecretMask.secretsInHeader("Cookie", "sid=abcd1234; theme=dark", Set.of()))
                .containsExactly("abcd1234", "dark");
        assertThat(SecretMask.secretsInHeader("Set-Cookie", "sid=abcd1234; Path=/", Set.of()))
                .containsExactly("abcd1234");
        assertThat(SecretMask.secretsInHeader("Accept", "text/html", Set.of())).isEmpty();
    }

    @Test
    void aMaskWithMoreSecretsLeavesTheOriginalAlone() {
        SecretMask run = new SecretMask();
        run.add("run-secret");

        SecretMask report = run.with(List.of("cookie-value"));

        assertThat(report.apply("run-secret cookie-value")).isEqualTo("**** ****");
        assertThat(run.apply("run-secret cookie-value")).isEqualTo("**** cookie-value");
    }
}
