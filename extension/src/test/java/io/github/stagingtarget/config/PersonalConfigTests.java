package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The personal override file: where it is looked for, and how it layers between the project's file and the
 * system properties. Every location comes from the maps given here: no test reads the real user's home.
 */
class PersonalConfigTests {

    @TempDir
    Path dir;

    private Path home;
    private Path project;
    private Path projectFile;
    private final Map<String, String> systemProperties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(dir.resolve("home/ada"));
        project = Files.createDirectories(dir.resolve("project"));
        systemProperties.put("user.home", home.toString());
        projectFile = Files.writeString(project.resolve("staging-target.conf"), """
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                  ready.timeout = 30s
                  values { admin-email = "team@example.com", tenant = "acme" }
                }
                """);
    }

    private PersonalConfig locate(Optional<String> parameter) {
        return PersonalConfig.locate(parameter, systemProperties, environment::get, project);
    }

    private StagingTargetConfig load(Optional<String> parameter) {
        return ConfigLoader.load(
                getClass().getClassLoader(),
                Optional.of(projectFile.toString()),
                systemProperties,
                environment::get,
                project,
                locate(parameter));
    }

    private Path personalFile(Path file, String hocon) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, hocon);
    }

    private Path defaultFile() {
        return home.resolve(".config/staging-target/staging-target.conf");
    }

    @Test
    void theDefaultIsUnderTheUsersConfigDirectory() {
        assertThat(locate(Optional.empty()).file()).contains(defaultFile());
        assertThat(locate(Optional.empty()).required()).isFalse();

        environment.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        assertThat(locate(Optional.empty()).file()).contains(dir.resolve("xdg/staging-target/staging-target.conf"));
        assertThat(locate(Optional.empty()).chosenBy()).isEqualTo("default, $XDG_CONFIG_HOME");

        environment.put("XDG_CONFIG_HOME", "relative/xdg");
        assertThat(locate(Optional.empty()).file())
                .as("XDG wants an absolute path")
                .contains(defaultFile());

        systemProperties.remove("user.home");
        environment.remove("XDG_CONFIG_HOME");
        assertThat(locate(Optional.empty()).file()).isEmpty();
    }

    @Test
    void theParameterWinsOverTheSystemPropertyOverTheVariableOverTheDefault() {
        environment.put(PersonalConfig.VARIABLE, "~/from-variable.conf");
        assertThat(locate(Optional.empty()).file()).contains(home.resolve("from-variable.conf"));
        assertThat(locate(Optional.empty()).required()).isTrue();
        assertThat(locate(Optional.empty()).chosenBy()).isEqualTo("environment variable STAGING_TARGET_USER_CONFIG");

        systemProperties.put(PersonalConfig.PARAMETER, "from-property.conf");
        assertThat(locate(Optional.empty()).file())
                .as("relative to the project directory")
                .contains(project.resolve("from-property.conf"));

        assertThat(locate(Optional.of("/etc/from-parameter.conf")).file())
                .contains(Path.of("/etc/from-parameter.conf"));
        assertThat(locate(Optional.of("NONE")).file()).isEmpty();
        assertThat(locate(Optional.of(" ")).file())
                .as("blank is unset")
                .contains(project.resolve("from-property.conf"));
    }

    @Test
    void personalValuesLayerAboveTheProjectFileAndBelowSystemProperties() throws IOException {
        personalFile(defaultFile(), """
                staging-target.targets.staging {
                  base-url = "https://ada.staging.example.com/"
                  ready.timeout = 45s
                  values.admin-email = "ada@example.com"
                }
                """);
        systemProperties.put("staging-target.targets.staging.ready.timeout", "50s");

        StagingTargetConfig config = load(Optional.empty());
        TargetSettings staging = config.target(new TargetSelection("staging", "a test"));

        assertThat(staging.baseUrl()).isEqualTo("https://ada.staging.example.com/");
        assertThat(staging.ready().timeout()).hasSeconds(50);
        assertThat(staging.values().string("admin-email")).isEqualTo("ada@example.com");
        assertThat(staging.values().string("tenant"))
                .as("from the project's file")
                .isEqualTo("acme");
        assertThat(config.personal()).isEqualTo("file " + defaultFile() + " (default, ~/.config)");
        Map<String, String> origins = new HashMap<>();
        config.settings("staging").forEach(setting -> origins.put(setting.key(), setting.origin()));
        String target = "staging-target.targets.staging.";
        assertThat(origins)
                .containsEntry(target + "base-url", "personal staging-target.conf:2")
                .containsEntry(target + "values.admin-email", "personal staging-target.conf:4")
                .containsEntry(target + "ready.timeout", "-D" + target + "ready.timeout")
                .containsEntry(target + "values.tenant", "staging-target.conf:4");
    }

    @Test
    void withoutAFileAtTheDefaultLocationThereAreNoOverrides() {
        StagingTargetConfig config = load(Optional.empty());

        assertThat(config.target(new TargetSelection("staging", "a test")).baseUrl())
                .isEqualTo("https://staging.example.com/");
        assertThat(config.personal()).isEqualTo("none (no file at " + defaultFile() + ", default, ~/.config)");
        assertThat(load(Optional.of("none")).personal())
                .isEqualTo(
                        "none (stagingtarget.user-config (system property or JUnit configuration parameter) = none)");
    }

    @Test
    void aNamedFileThatIsMissingIsAnError() {
        environment.put(PersonalConfig.VARIABLE, "~/nowhere.conf");

        assertThatThrownBy(() -> load(Optional.empty()))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("environment variable STAGING_TARGET_USER_CONFIG names the personal configuration file "
                        + home.resolve("nowhere.conf") + ", but there is no such file: create it, or set "
                        + "stagingtarget.user-config (or STAGING_TARGET_USER_CONFIG) to none to read none");
    }

    @Test
    void anUnknownKeyInThePersonalFileIsRefusedWithItsFileAndLine() throws IOException {
        Path personal = personalFile(home.resolve("mine.conf"), """
                my-own { token = "x" }
                staging-target.targets.staging {
                  ready.timout = 45s
                }
                """);

        assertThatThrownBy(() -> load(Optional.of(personal.toString())))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith(
                        "personal file " + personal + ": 3: staging-target.targets.staging.ready.timout "
                                + "is not a StagingTarget key: did you mean 'timeout'?");
    }

    @Test
    void aBadValueInThePersonalFileNamesItsFileAndLine() throws IOException {
        Path personal = personalFile(home.resolve("mine.conf"), """
                staging-target.targets.staging.ready.timeout = soon
                """);

        assertThatThrownBy(
                        () -> load(Optional.of(personal.toString())).target(new TargetSelection("staging", "a test")))
                .isInstanceOf(TargetConfigException.class)
                .hasMessage("personal file " + personal + ": 1: staging-target.targets.staging.ready.timeout: expected "
                        + "a positive duration such as 500ms, 30s or 2m, but was '\"soon\"'");
    }

    @Test
    void aSyntaxErrorInThePersonalFileNamesIt() throws IOException {
        Path personal = personalFile(home.resolve("mine.conf"), "staging-target { targets = \n");

        assertThatThrownBy(() -> load(Optional.of(personal.toString())))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith("Invalid StagingTarget configuration: personal file " + personal + ": ");
    }
}
