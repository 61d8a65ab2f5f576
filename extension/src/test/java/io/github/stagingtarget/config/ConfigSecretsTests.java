package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.console.shell.LocalConsole;
import io.github.stagingtarget.fixtures.FixtureException;
import io.github.stagingtarget.fixtures.FixturePlan;
import io.github.stagingtarget.fixtures.FixtureRunner;
import io.github.stagingtarget.fixtures.FixtureScript;
import io.github.stagingtarget.secrets.SecretMask;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's mask is seeded from the configuration: every secret it knows is masked wherever it shows up. */
class ConfigSecretsTests {

    @TempDir
    Path dir;

    private StagingTargetConfig load(String hocon, Map<String, String> environment) {
        return ConfigLoader.load(
                getClass().getClassLoader(),
                Optional.of(ConfigFiles.write(dir, hocon).toString()),
                Map.of(),
                environment::get,
                dir);
    }

    @Test
    void aSecretVariablePulledIntoACommandIsMaskedInTheFixtureFailure() {
        StagingTargetConfig config = load("""
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:1/"
                  fixtures {
                    allowed = true
                    reset = "PGPASSWORD="${?PW}" sh -c 'echo \\"password authentication failed: $PGPASSWORD\\" >&2; exit 3'"
                  }
                }
                """, Map.of("PW", "pw-from-env-1"));
        ServerSettings server = config.server(new TargetSelection("local", "a test"));
        SecretMask mask = config.mask();
        FixtureRunner runner = new FixtureRunner(
                "local", server.fixtures(), server.session(), getClass().getClassLoader(), mask);
        FixtureScript script = runner.prepare(new FixturePlan(true, List.of(), List.of(), "class ListsIT"));

        try (LocalConsole console =
                new LocalConsole("local", Optional.of(dir), Map.of(), server.commandTimeout(), mask)) {
            assertThatThrownBy(() -> runner.run(script, "class ListsIT", () -> console))
                    .isInstanceOf(FixtureException.class)
                    .hasMessageContaining("password authentication failed: ****")
                    .hasMessageContaining("PGPASSWORD=****")
                    .hasMessageNotContaining("pw-from-env-1");
        }
    }

    @Test
    void theMaskKnowsEverySecretTheConfigurationNames() {
        StagingTargetConfig config = load(
                """
                shared.db-password = "own-key-secret-1"
                staging-target.targets.staging {
                  base-url = ${?STAGING_URL}
                  ssh { host = "127.0.0.1", password-env = "DEPLOY_PASSWORD", known-hosts = "kh" }
                  launch.env { API_KEY = "launch-env-secret-2" }
                  launch.args = ["--db-password", "arg-secret-3"]
                  console.env { JWT_PRIVATE_KEY = ${?JWT_KEY} }
                  fixtures.reset = "psql postgres://app:url-secret-4@db/app -c 'select 1' "${shared.db-password}
                  session.command = "app session --auth-token=option-secret-5 {email}"
                }
                """,
                Map.of(
                        "STAGING_URL", "https://staging.example.com/",
                        "DEPLOY_PASSWORD", "ssh-secret-6",
                        "JWT_KEY", "jwt-secret-7"));

        assertThat(config.mask()
                        .apply("own-key-secret-1 launch-env-secret-2 arg-secret-3 url-secret-4 "
                                + "option-secret-5 ssh-secret-6 jwt-secret-7 https://staging.example.com/"))
                .isEqualTo("**** **** **** **** **** **** **** https://staging.example.com/");
    }

    @Test
    void aSecretIsNotEchoedInAConfigurationErrorEvenInAnotherKey() {
        StagingTargetConfig config = load("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  console.env.DB_PASSWORD = ${?DB_PASSWORD}
                  ready.path = { oops = ${?DB_PASSWORD} }
                }
                """, Map.of("DB_PASSWORD", "leaky-value-1"));

        assertThatThrownBy(() -> config.target(new TargetSelection("staging", "a test")))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.ready.path: expected a path")
                .hasMessageNotContaining("leaky-value-1");
    }
}
