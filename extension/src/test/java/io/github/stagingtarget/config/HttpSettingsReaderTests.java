package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.testsupport.ConfigFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSettingsReaderTests {

    private static final String PASSWORD = "gate-pass-7Qx";
    private static final String TOKEN = "token-9vKp2";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "STAGING_HTTP_PASSWORD",
            PASSWORD,
            "STAGING_TOKEN",
            TOKEN,
            "STAGING_PROXY_PASSWORD",
            "proxy-pass-3Lm",
            "STAGING_CLIENT_CERT_PASSWORD",
            "p12-pass-8Zt",
            // Neither the header nor the variable is named like a secret.
            "STAGING_GATE",
            "gate-value-4Rd");

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(dir.resolve("client.p12"), "x");
    }

    private StagingTargetConfig config(String hocon) {
        return ConfigLoader.load(
                getClass().getClassLoader(),
                Optional.of(ConfigFiles.write(dir, hocon).toString()),
                Map.of(),
                ENVIRONMENT::get,
                dir);
    }

    private HttpSettings http(String block) {
        return config("staging-target.targets.staging { base-url = \"https://staging.example.com/\"\n" + block + "\n}")
                .target(new TargetSelection("staging", "a test"))
                .http();
    }

    @Test
    void withoutAnHttpBlockNothingIsAdded() {
        HttpSettings http = http("");

        assertThat(http.key()).isEqualTo("staging-target.targets.staging.http");
        assertThat(http.tls().isCustomized()).isFalse();
        assertThat(http.basicAuth()).isEmpty();
        assertThat(http.headers()).isEmpty();
        assertThat(http.proxy()).isEmpty();
    }

    @Test
    void everySettingIsReadWithSecretsFromTheEnvironment() {
        HttpSettings http = http("""
                http {
                  tls { trust = ["ca.pem"], client-certificate = client.p12
                        client-certificate-password-env = STAGING_CLIENT_CERT_PASSWORD }
                  basic { user = staging, password-env = STAGING_HTTP_PASSWORD }
                  headers { X-Staging-Token = ${?STAGING_TOKEN}, X-Env = staging }
                  proxy { url = "http://127.0.0.1:3128", no-proxy = [localhost, ".internal.example"]
                          user = tests, password-env = STAGING_PROXY_PASSWORD }
                }
                """);

        assertThat(http.tls().trust()).singleElement().satisfies(pem -> {
            assertThat(pem.path()).isEqualTo(dir.resolve("ca.pem"));
            assertThat(pem.key()).isEqualTo("staging-target.targets.staging.http.tls.trust");
        });
        assertThat(http.tls()
                        .clientCertificate()
                        .orElseThrow()
                        .password()
                        .orElseThrow()
                        .value())
                .isEqualTo("p12-pass-8Zt");
        assertThat(http.tls().insecure()).isFalse();
        assertThat(http.basicAuth().orElseThrow().user()).isEqualTo("staging");
        assertThat(http.basicAuth().orElseThrow().password().value()).isEqualTo(PASSWORD);
        assertThat(http.headers().get("X-Staging-Token").value()).isEqualTo(TOKEN);
        assertThat(http.headers().get("X-Env").value()).isEqualTo("staging");
        HttpSettings.Proxy proxy = http.proxy().orElseThrow();
        assertThat(proxy.url()).isEqualTo(URI.create("http://127.0.0.1:3128"));
        assertThat(proxy.bypasses("localhost")).isTrue();
        assertThat(proxy.bypasses("api.internal.example")).isTrue();
        assertThat(proxy.bypasses("internal.example")).isTrue();
        assertThat(proxy.bypasses("staging.example.com")).isFalse();
        assertThat(proxy.password().orElseThrow().value()).isEqualTo("proxy-pass-3Lm");
        // Printing the settings shows no secret.
        assertThat(http.toString()).doesNotContain(PASSWORD, TOKEN, "proxy-pass-3Lm", "p12-pass-8Zt");
    }

    @Test
    void aHeaderValueFromTheEnvironmentIsMaskedWhateverTheHeaderIsCalled() {
        StagingTargetConfig config = config("""
                staging-target.targets.staging { base-url = "https://staging.example.com/"
                  http.headers { X-Gate = ${?STAGING_GATE}, X-Env = staging-eu }
                }
                """);
        config.target(new TargetSelection("staging", "a test"));

        assertThat(config.mask().apply("gate gate-value-4Rd for staging-eu"))
                .as("the token from the environment is a secret; a value written in the file is not")
                .isEqualTo("gate **** for staging-eu");
    }

    @Test
    void theTargetFallsBackToTheDefaults() {
        HttpSettings http =
                config("""
                        staging-target.defaults.http.basic { user = staging, password-env = STAGING_HTTP_PASSWORD }
                        staging-target.defaults.http.headers { X-Staging-Token = ${?STAGING_TOKEN} }
                        staging-target.targets.staging.base-url = "https://staging.example.com/"
                        """).target(new TargetSelection("staging", "a test")).http();

        assertThat(http.basicAuth().orElseThrow().user()).isEqualTo("staging");
        assertThat(http.headers().get("X-Staging-Token").value()).isEqualTo(TOKEN);
    }

    @Test
    void theInsecureSwitchIsOffByDefaultAndSaysWhereItWasSet() {
        HttpSettings http = http("http.tls.insecure = true");

        assertThat(http.tls().insecure()).isTrue();
        assertThat(http.tls().insecureOrigin()).startsWith("staging-target-").contains(".conf:2");
    }

    private void assertRefused(String block, String... parts) {
        assertThatThrownBy(() -> http(block))
                .isInstanceOf(TargetConfigException.class)
                .message()
                .contains(parts)
                .doesNotContain(PASSWORD, TOKEN, "hunter2-inline");
    }

    @Test
    void passwordsWrittenIntoTheFileAreRefusedWithoutEchoingThem() {
        for (String key : new String[] {
            "tls.trust-store-password", "tls.client-certificate-password", "basic.password", "proxy.password"
        }) {
            assertRefused(
                    "http." + key + " = hunter2-inline",
                    ".conf: 2: staging-target.targets.staging.http." + key + " is not read, so that no secret sits in "
                            + "a configuration file: put it in an environment variable and name that variable in "
                            + "staging-target.targets.staging.http." + key + "-env");
        }
    }

    @Test
    void aSecretHeaderWrittenIntoTheFileIsRefused() {
        assertRefused(
                "http.headers { X-Staging-Token = hunter2-inline }",
                ".conf: 2: staging-target.targets.staging.http.headers.X-Staging-Token holds a secret written into the "
                        + "file: expected it from an environment variable, such as X-Staging-Token = ${?STAGING_TOKEN}");
    }

    @Test
    void anUnsetPasswordVariableIsNamedBeforeAnythingStarts() {
        assertRefused(
                "http.basic { user = staging, password-env = NOT_SET_ANYWHERE }",
                ".conf: 2: staging-target.targets.staging.http.basic.password-env names the environment "
                        + "variable NOT_SET_ANYWHERE, which is not set");
    }

    @Test
    void halfAGateIsRefused() {
        assertRefused(
                "http.basic { user = staging }",
                ".conf: 2: staging-target.targets.staging.http.basic.user is set, but "
                        + "staging-target.targets.staging.http.basic.password-env is not");
        assertRefused(
                "http.basic { password-env = STAGING_HTTP_PASSWORD }",
                "staging-target.targets.staging.http.basic.password-env is set, but "
                        + "staging-target.targets.staging.http.basic.user is not");
        assertRefused(
                "http.basic { user = \"a:b\", password-env = STAGING_HTTP_PASSWORD }",
                "staging-target.targets.staging.http.basic.user: expected a user name without ':'");
    }

    @Test
    void aMissingCertificateFileIsNamedWithItsKey() {
        assertRefused(
                "http.tls.trust = [\"missing-ca.pem\"]",
                ".conf: 2: staging-target.targets.staging.http.tls.trust: expected a list of PEM files of CA "
                        + "certificates such as [\"certs/staging-ca.pem\"], but " + dir.resolve("missing-ca.pem")
                        + " is not a readable file");
        assertRefused(
                "http.tls.client-certificate = missing.p12",
                ".conf: 2: staging-target.targets.staging.http.tls.client-certificate: expected a PKCS#12 file");
        assertRefused(
                "http.tls.trust = 42", "staging-target.targets.staging.http.tls.trust: expected a list of strings");
    }

    @Test
    void aPasswordWithoutItsKeyStoreIsRefused() {
        assertRefused(
                "http.tls.client-certificate-password-env = STAGING_CLIENT_CERT_PASSWORD",
                "staging-target.targets.staging.http.tls.client-certificate-password-env is set, but "
                        + "staging-target.targets.staging.http.tls.client-certificate is not");
    }

    @Test
    void theInsecureSwitchIsABoolean() {
        assertRefused(
                "http.tls.insecure = sometimes",
                ".conf: 2: staging-target.targets.staging.http.tls.insecure: expected true or false");
    }

    @Test
    void badProxiesAreRefused() {
        assertRefused(
                "http.proxy.url = \"http://tests:hunter2-inline@proxy:3128\"",
                ".conf: 2: staging-target.targets.staging.http.proxy.url carries credentials");
        assertRefused(
                "http.proxy.url = \"socks5://proxy:1080\"",
                ".conf: 2: staging-target.targets.staging.http.proxy.url: expected the URL of an HTTP proxy");
        assertRefused(
                "http.proxy.url = \"http://proxy\"",
                "staging-target.targets.staging.http.proxy.url: expected the URL of an HTTP proxy such as "
                        + "http://proxy.example.com:3128 (http, with a port, without a path)");
        assertRefused(
                "http.proxy { url = \"http://proxy:3128\", user = tests }",
                "staging-target.targets.staging.http.proxy.user is set, but "
                        + "staging-target.targets.staging.http.proxy.password-env is not");
        assertRefused(
                "http.proxy { user = tests }",
                "staging-target.targets.staging.http.proxy.user is set, but "
                        + "staging-target.targets.staging.http.proxy.url is not");
    }

    @Test
    void badHeadersAreRefused() {
        assertRefused(
                "http.headers { \"X Bad\" = x }",
                "staging-target.targets.staging.http.headers.\"X Bad\": expected a header name");
        assertRefused(
                "http.headers { Host = other.example.com }",
                "staging-target.targets.staging.http.headers.Host: expected a header other than Host");
        assertRefused(
                "http.headers { X-List = [a] }",
                "staging-target.targets.staging.http.headers.X-List: expected an object of header names and values");
    }

    @Test
    void aBlockGivenAsAValueIsRefused() {
        assertRefused("http.basic = yes", "staging-target.targets.staging.http.basic: expected an object");
        assertRefused("http = on", "staging-target.targets.staging.http: expected an object");
    }

    @Test
    void aTypoInsideTheBlockIsAnUnknownKey() {
        assertThatThrownBy(() -> http("http.tls.trust-stor = x.p12"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.http.tls.trust-stor is not a StagingTarget key: "
                        + "did you mean 'trust-store'?");
    }
}
