package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.TargetValues;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target's own {@code values}: typed getters, one message per mistake, secrets masked. */
class TargetValuesTests {

    private static final String CONFIG = """
            staging-target {
              defaults.values { page-size = 20, tenant = "acme" }
              targets.staging {
                base-url = "https://staging.example.com/"
                values {
                  admin-email = "ada@example.com"
                  admin-password = ${?STAGING_ADMIN_PASSWORD}
                  api = ${?API_CREDENTIAL_VALUE}
                  tenant = "globex"
                  slow = 2m
                  zero = 0s
                  enabled = yes
                  tenants = ["acme", "globex"]
                  mail-api = "https://mail.staging.example.com/"
                  relative = "/not/absolute"
                  admin { name = "Ada" }
                  nested = [[1]]
                }
              }
            }
            """;

    @TempDir
    Path dir;

    private Path file;

    private StagingTargetConfig load(String hocon, Map<String, String> environment) {
        file = ConfigFiles.write(dir, hocon);
        return ConfigLoader.load(
                getClass().getClassLoader(), Optional.of(file.toString()), Map.of(), environment::get, dir);
    }

    private TargetValues values(Map<String, String> environment) {
        return ConfiguredTarget.of(load(CONFIG, environment).target(new TargetSelection("staging", "a test")))
                .values();
    }

    @Test
    void typedGettersReadTheTargetsValuesOverTheDefaults() {
        TargetValues values = values(Map.of("STAGING_ADMIN_PASSWORD", "s3cret-admin"));

        assertThat(values.string("admin-email")).isEqualTo("ada@example.com");
        assertThat(values.string("admin-password")).isEqualTo("s3cret-admin");
        assertThat(values.string("tenant")).as("the target's own value wins").isEqualTo("globex");
        assertThat(values.integer("page-size")).as("from defaults.values").isEqualTo(20);
        assertThat(values.string("page-size")).isEqualTo("20");
        assertThat(values.duration("slow")).isEqualTo(Duration.ofMinutes(2));
        assertThat(values.bool("enabled")).isTrue();
        assertThat(values.list("tenants")).containsExactly("acme", "globex");
        assertThat(values.uri("mail-api")).isEqualTo(URI.create("https://mail.staging.example.com/"));
        assertThat(values.string("admin.name")).as("a key is a path").isEqualTo("Ada");
        assertThat(values.optionalString("api")).isEmpty();
        assertThat(values.optionalString("admin-email")).contains("ada@example.com");
        assertThat(values.has("admin-password")).isTrue();
        assertThat(values.has("api")).isFalse();
        assertThat(values.keys())
                .containsExactly(
                        "admin-email",
                        "admin-password",
                        "admin.name",
                        "enabled",
                        "mail-api",
                        "nested",
                        "page-size",
                        "relative",
                        "slow",
                        "tenant",
                        "tenants",
                        "zero");
        assertThat(values.toString()).doesNotContain("s3cret-admin").contains("admin-password");
    }

    @Test
    void aMissingValueIsOneErrorNamingTheTargetTheKeyAndTheFile() {
        TargetValues values = values(Map.of());

        assertThatThrownBy(() -> values.string("admin-phone"))
                .isInstanceOf(StagingTargetException.class)
                .hasMessage("Target 'staging' has no value 'admin-phone'. Set "
                        + "staging-target.targets.staging.values.admin-phone (or "
                        + "staging-target.defaults.values.admin-phone for every target) in file " + file
                        + ". Values of target 'staging': admin-email, admin.name, enabled, mail-api, nested, "
                        + "page-size, relative, slow, tenant, tenants, zero.");
    }

    @Test
    void aValueWhoseVariableIsUnsetNamesTheVariable() {
        TargetValues values = values(Map.of());

        for (var getter : List.<java.util.function.Consumer<String>>of(
                values::string, values::integer, values::bool, values::duration, values::list, values::uri)) {
            assertThatThrownBy(() -> getter.accept("admin-password"))
                    .isInstanceOf(StagingTargetException.class)
                    .hasMessageStartingWith("Target 'staging' has no value 'admin-password': it is written as "
                            + "${?STAGING_ADMIN_PASSWORD}, and that environment variable is not set. Set "
                            + "staging-target.targets.staging.values.admin-password (or ")
                    .hasMessageContaining(" in file " + file + ".");
        }
    }

    @Test
    void aValueOfTheWrongTypeNamesItsLineAndWhatWasExpected() {
        TargetValues values = values(Map.of());

        assertThatThrownBy(() -> values.integer("tenant"))
                .hasMessage(file + ": 9: staging-target.targets.staging.values.tenant: expected a whole number "
                        + "such as 20 (an int), but was '\"globex\"'");
        assertThatThrownBy(() -> values.bool("tenant"))
                .hasMessageEndingWith("values.tenant: expected true or false, but was '\"globex\"'");
        assertThatThrownBy(() -> values.duration("zero"))
                .hasMessageEndingWith(
                        "values.zero: expected a positive duration such as 500ms, 30s or 2m, but was '\"0s\"'");
        assertThatThrownBy(() -> values.list("tenant"))
                .hasMessageEndingWith(
                        "values.tenant: expected a list of strings such as [\"a\", \"b\"], " + "but was '\"globex\"'");
        assertThatThrownBy(() -> values.list("nested")).hasMessageContaining("values.nested: expected a list");
        assertThatThrownBy(() -> values.uri("relative"))
                .hasMessageEndingWith("values.relative: expected an absolute URI such as "
                        + "https://mail.staging.example.com/, but was '\"/not/absolute\"'");
        assertThatThrownBy(() -> values.string("admin"))
                .isInstanceOf(StagingTargetException.class)
                .hasMessageContaining("values.admin: expected a plain value (text, number or boolean), not a "
                        + "list or an object, but was '{\"name\":\"Ada\"}'");
        assertThatThrownBy(() -> values.integer("page-size-x")).hasMessageStartingWith("Target 'staging' has no");
    }

    @Test
    void aBadKeyIsTheCallersMistake() {
        TargetValues values = values(Map.of());

        assertThatThrownBy(() -> values.string(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A value's key must not be blank");
        assertThatThrownBy(() -> values.has(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> values.string("a..b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'a..b' is not a key of values: expected a path such as admin-email or admin.email");
    }

    @Test
    void secretValuesAreMaskedInMessagesAndInTheDoctorsView() {
        StagingTargetConfig config = load(
                """
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  values {
                    admin-password = ${?STAGING_ADMIN_PASSWORD}
                    login = ${?ADMIN_TOKEN}
                    pin = ${?SHORT_SECRET_PW}
                    plain = "visible-value"
                  }
                }
                """, Map.of("STAGING_ADMIN_PASSWORD", "pw-1234", "ADMIN_TOKEN", "tok-5678", "SHORT_SECRET_PW", "42"));
        TargetValues values = ConfiguredTarget.of(config.target(new TargetSelection("staging", "a test")))
                .values();

        assertThat(config.mask().apply("login with pw-1234 and tok-5678")).isEqualTo("login with **** and ****");
        assertThat(config.settings("staging"))
                .filteredOn(setting -> setting.key().contains(".values."))
                .extracting(ResolvedSetting::key, ResolvedSetting::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "staging-target.targets.staging.values.admin-password", "****"),
                        org.assertj.core.groups.Tuple.tuple("staging-target.targets.staging.values.login", "****"),
                        // Too short for the mask's text search, masked for the variable's name.
                        org.assertj.core.groups.Tuple.tuple("staging-target.targets.staging.values.pin", "****"),
                        org.assertj.core.groups.Tuple.tuple(
                                "staging-target.targets.staging.values.plain", "\"visible-value\""));
        assertThatThrownBy(() -> values.integer("login"))
                .hasMessageEndingWith("values.login: expected a whole number such as 20 (an int), but was a value "
                        + "that is not shown because the key holds a secret")
                .hasMessageNotContaining("tok-5678");
        assertThatThrownBy(() -> values.integer("admin-password")).hasMessageNotContaining("pw-1234");
    }

    @Test
    void valuesMustBeAnObject() {
        StagingTargetConfig config = load("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  values = "admin"
                }
                """, Map.of());

        assertThatThrownBy(() -> config.target(new TargetSelection("staging", "a test")))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage(file + ": 3: staging-target.targets.staging.values: expected an object of your own "
                        + "values such as { admin-email = \"ada@example.com\" }, but was '\"admin\"'");
    }
}
