package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.testsupport.ConfigFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTargetConfigTests {

    @TempDir
    Path dir;

    private static final String TWO_TARGETS = """
            staging-target {
              defaults {
                paths { home = "/", list = "/lists/{id}/" }
                ready.timeout = 20s
              }
              targets {
                local {
                  base-url = "http://127.0.0.1:{port}/"
                  launch { main-class = "com.example.App", args = ["--port", "{port}"] }
                }
                staging {
                  base-url = "https://staging.example.com"
                  paths { admin = "/admin/" }
                  ready.timeout = 90s
                }
              }
            }
            """;

    private StagingTargetConfig load(String hocon) {
        return load(hocon, Map.of());
    }

    private StagingTargetConfig load(String hocon, Map<String, String> systemProperties) {
        return ConfigLoader.load(
                getClass().getClassLoader(),
                Optional.of(ConfigFiles.write(dir, hocon).toString()),
                systemProperties);
    }

    /** Asserts that choosing {@code target} in {@code hocon} fails with a configuration error. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertTargetRejected(String target, String hocon) {
        StagingTargetConfig config = load(hocon);
        return assertThatThrownBy(() -> config.target(chosen(target))).isInstanceOf(TargetConfigException.class);
    }

    private static TargetSelection chosen(String name) {
        return new TargetSelection(name, "a test");
    }

    @Test
    void targetsFallBackToSharedDefaultsAndReferenceConf() {
        TargetSettings staging = load(TWO_TARGETS).target(chosen("staging"));

        assertThat(staging.baseUrl()).isEqualTo("https://staging.example.com/");
        assertThat(staging.local()).isFalse();
        assertThat(staging.paths()).containsOnlyKeys("home", "list", "admin");
        assertThat(staging.ready().timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(staging.ready().interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(staging.ready().path()).isEqualTo("/");
        assertThat(staging.launch()).isEmpty();
    }

    @Test
    void localTargetIsLocalByDefaultAndCarriesItsLaunchBlock() {
        TargetSettings local = load(TWO_TARGETS).target(chosen("local"));

        assertThat(local.local()).isTrue();
        assertThat(local.needsPort()).isTrue();
        assertThat(local.ready().timeout()).isEqualTo(Duration.ofSeconds(20));
        LaunchSettings launch = local.launch().orElseThrow();
        assertThat(launch.mainClass()).contains("com.example.App");
        assertThat(launch.args()).containsExactly("--port", "{port}");
        assertThat(launch.port()).isZero();
        assertThat(launch.reuseExisting()).isFalse();
        // In the project's target/, wherever the application runs (see relativePathsResolveAgainstTheProject).
        assertThat(launch.logFile())
                .isEqualTo(Path.of("target/staging-target/local-app.log").toAbsolutePath());
    }

    @Test
    void relativePathsResolveAgainstTheProjectDirectory() {
        Path project = dir.resolve("module");
        StagingTargetConfig config = ConfigLoader.load(
                getClass().getClassLoader(),
                Optional.of(ConfigFiles.write(dir, """
                        staging-target.targets.local {
                          base-url = "http://127.0.0.1:{port}/"
                          launch { main-class = "com.example.App", working-directory = "app" }
                          console.working-directory = "scripts"
                          ssh { host = "h", identity = "keys/id_ed25519", known-hosts = "keys/known_hosts" }
                          browser { evidence-dir = "target/evidence", driver = "bin/chromedriver" }
                        }
                        """).toString()),
                Map.of(),
                name -> null,
                project);
        TargetSettings local = config.target(chosen("local"));
        ServerSettings server = config.server(chosen("local"));

        LaunchSettings launch = local.launch().orElseThrow();
        assertThat(launch.workingDirectory()).contains(project.resolve("app"));
        // The application's log goes to the project's target/, not below launch.working-directory.
        assertThat(launch.logFile()).isEqualTo(project.resolve("target/staging-target/local-app.log"));
        assertThat(server.workingDirectory()).contains(project.resolve("scripts"));
        assertThat(server.ssh().orElseThrow().identity()).contains(project.resolve("keys/id_ed25519"));
        assertThat(server.ssh().orElseThrow().knownHosts()).isEqualTo(project.resolve("keys/known_hosts"));
        assertThat(local.browser().evidenceDirectory()).isEqualTo(project.resolve("target/evidence"));
        assertThat(local.browser().driver().orElseThrow().path()).isEqualTo(project.resolve("bin/chromedriver"));
    }

    @Test
    void listsTargetNamesSorted() {
        assertThat(load(TWO_TARGETS).targetNames()).containsExactly("local", "staging");
    }

    @Test
    void systemPropertiesOverrideAnyKey() {
        StagingTargetConfig config = load(
                TWO_TARGETS,
                Map.of(
                        "staging-target.targets.staging.base-url", "https://other.example.com/",
                        "unrelated.key", "ignored"));

        assertThat(config.target(chosen("staging")).baseUrl()).isEqualTo("https://other.example.com/");
    }

    @Test
    void substitutionsFallBackToEnvironmentVariables() {
        String home = System.getenv("HOME");
        StagingTargetConfig config = load("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  paths { from-env = ${?HOME}, unset = ${?STAGING_TARGET_SURELY_UNSET_VARIABLE} }
                }
                """);

        assertThat(config.target(chosen("staging")).paths()).containsOnlyKeys("from-env");
        assertThat(config.target(chosen("staging")).paths().get("from-env").template())
                .isEqualTo(home);
    }

    @Test
    void unknownTargetListsTheConfiguredOnes() {
        StagingTargetConfig config = load(TWO_TARGETS);

        assertThatThrownBy(() -> config.target(new TargetSelection("nosuch", "system property 'target'")))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith("Unknown target 'nosuch' (chosen by system property 'target')")
                .hasMessageContaining("Configured targets: local, staging (from file ");
    }

    @Test
    void missingBaseUrlNamesKeyAndOrigin() {
        assertTargetRejected("staging", """
                staging-target.targets {
                  staging {
                    base-url = ${?STAGING_TARGET_SURELY_UNSET_VARIABLE}
                  }
                }
                """)
                .hasMessageContaining("staging-target.targets.staging.base-url is not set")
                .hasMessageContaining("expected an absolute http or https URL")
                .hasMessageContaining("that environment variable is not set");
    }

    @Test
    void badBaseUrlNamesFileAndLine() {
        assertTargetRejected("staging", """
                staging-target.targets {
                  staging {
                    base-url = "staging.example.com"
                  }
                }
                """)
                .hasMessageMatching("(?s).*staging-target-.*\\.conf: 3: staging-target\\.targets\\.staging\\.base-url: "
                        + "expected an absolute http or https URL.*but was '\"staging.example.com\"'");
    }

    @Test
    void wrongTypeNamesTheFullKey() {
        assertTargetRejected("staging", """
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  ready.timeout = soon
                }
                """)
                .hasMessageContaining(": 3: staging-target.targets.staging.ready.timeout: expected a positive duration")
                .hasMessageEndingWith("but was '\"soon\"'");
    }

    @Test
    void pathsMustBeStrings() {
        assertTargetRejected("staging", """
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  paths { list { id = 3 } }
                }
                """)
                .hasMessageContaining(
                        ": 3: staging-target.targets.staging.paths.list: expected an object of named paths");
    }

    @Test
    void malformedHoconKeepsTypesafesFileAndLine() {
        assertThatThrownBy(() -> load("""
                staging-target {
                  targets {
                    staging { base-url = "https://x/"
                """))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith("Invalid StagingTarget configuration: ")
                .hasMessageMatching("(?s).*staging-target-.*\\.conf: \\d+: .*");
    }

    @Test
    void portPlaceholderNeedsALaunchBlock() {
        StagingTargetConfig config = load("staging-target.targets.staging.base-url = \"http://127.0.0.1:{port}/\"");

        assertThatThrownBy(() -> config.target(chosen("staging")))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging.base-url: expected")
                .hasMessageContaining("{port} is only filled in when the target has a launch block");
    }

    @Test
    void freePortNeedsThePlaceholderInTheBaseUrl() {
        assertTargetRejected("local", """
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:8080/"
                  launch.command = ["./run.sh"]
                }
                """)
                .hasMessageContaining("because staging-target.targets.local.launch.port is 0");
    }

    @Test
    void launchTakesEitherMainClassOrCommand() {
        assertTargetRejected("local", """
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:{port}/"
                  launch { main-class = "a.B", command = ["./run.sh"] }
                }
                """)
                .hasMessageContaining(
                        "staging-target.targets.local.launch: expected either main-class or command, but both are set");
    }

    @Test
    void withoutAUserFileTheLocalTargetAsksForABaseUrl() {
        StagingTargetConfig config = ConfigLoader.load(getClass().getClassLoader(), Optional.empty(), Map.of());

        assertThat(config.source()).startsWith("no staging-target.conf on the test class path");
        assertThatThrownBy(() -> config.target(chosen("local")))
                .hasMessageContaining("staging-target.targets.local.base-url is not set")
                .hasMessageContaining("(from no staging-target.conf on the test class path");
    }

    @Test
    void explicitFileThatDoesNotExistIsNamed() {
        assertThatThrownBy(() ->
                        ConfigLoader.load(getClass().getClassLoader(), Optional.of("nowhere/staging.conf"), Map.of()))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith("stagingtarget.config names 'nowhere/staging.conf', but there is no such file");
    }

    @Test
    void defaultTargetIsReadFromConfig() {
        assertThat(load("staging-target.default-target = staging").defaultTarget())
                .contains("staging");
        assertThat(load("").defaultTarget()).isEmpty();
    }

    @Test
    void badTargetNameIsRefused() {
        assertThatThrownBy(() -> load("staging-target.targets.staging = \"https://x/\""))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("staging-target.targets.staging: expected a target block");
    }

    @Test
    void expectedVersionNeedsAPathToReadItFrom() {
        assertTargetRejected("staging", """
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  version.expected = "3f2c9a1"
                }
                """)
                .hasMessageContaining(": 3: staging-target.targets.staging.version.expected is set, so "
                        + "staging-target.targets.staging.version.path is needed");
    }

    @Test
    void blankExpectedVersionIsUnchecked() {
        StagingTargetConfig config = load("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  version { path = "/version", expected = "" }
                }
                """);

        assertThat(config.target(chosen("staging")).version().isChecked()).isFalse();
    }

    @Test
    void secretValuesAreNeverEchoedInErrors() {
        StagingTargetConfig config = load("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  console.env { DB_PASSWORD = "hunter2" }
                }
                """);

        assertThat(config.settings("staging"))
                .filteredOn(s -> s.key().endsWith("console.env.DB_PASSWORD"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo("****"));
    }
}
