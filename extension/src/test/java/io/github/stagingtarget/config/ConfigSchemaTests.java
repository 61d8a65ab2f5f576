package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.testsupport.ConfigFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A typo in any block fails the load with its file, line and a suggestion, instead of being ignored. */
class ConfigSchemaTests {

    @TempDir
    Path dir;

    private Path file;

    private StagingTargetConfig load(String hocon) {
        return load(hocon, Map.of());
    }

    private StagingTargetConfig load(String hocon, Map<String, String> systemProperties) {
        file = ConfigFiles.write(dir, hocon);
        return ConfigLoader.load(getClass().getClassLoader(), Optional.of(file.toString()), systemProperties);
    }

    /** A staging target whose third line is {@code line}. */
    private StagingTargetConfig target(String line) {
        return load("""
                staging-target.targets.staging {
                  base-url = "https://staging.example.com/"
                %s
                }
                """.formatted(line));
    }

    private void refused(String line, String key, String suggestion) {
        assertThatThrownBy(() -> target(line))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageStartingWith(file + ": 3: staging-target.targets.staging." + key
                        + " is not a StagingTarget key" + suggestion);
    }

    @Test
    void topLevel() {
        assertThatThrownBy(() -> load("staging-target.default-targt = staging"))
                .hasMessageStartingWith(file + ": 1: staging-target.default-targt is not a StagingTarget key: "
                        + "did you mean 'default-target'? The keys of staging-target are default-target, defaults, "
                        + "targets (see docs/configuration.md). Keys of your own belong outside staging-target.");
    }

    @Test
    void defaults() {
        assertThatThrownBy(() -> load("staging-target.defaults.redy.path = /health"))
                .hasMessageStartingWith(
                        file + ": 1: staging-target.defaults.redy is not a StagingTarget key: did you mean 'ready'?");
    }

    @Test
    void target() {
        refused("  fixture.reset = \"app db reset\"", "fixture", ": did you mean 'fixtures'?");
        refused("  baseUrl = \"https://x/\"", "baseUrl", ": did you mean 'base-url'?");
        // A key of a sub-block written one level too high says where it belongs.
        assertThatThrownBy(() -> target("  command = \"app\""))
                .hasMessageContaining(
                        "staging-target.targets.staging.command is not a StagingTarget key. "
                                + "'command' is a key of console, launch, session. The keys of staging-target.targets.staging "
                                + "are base-url, browser, console, evidence, fixtures, http, launch, local, log-lines, logs, mail, "
                                + "paths, ready, run-lock, services, session, ssh, values, version (see docs/configuration.md).");
    }

    @Test
    void ready() {
        refused("  ready { timout = 2m }", "ready.timout", ": did you mean 'timeout'?");
    }

    @Test
    void version() {
        refused("  version.expect = abc1234", "version.expect", ": did you mean 'expected'?");
    }

    @Test
    void launch() {
        refused("  launch { jvm-arg = [\"-Xmx1g\"] }", "launch.jvm-arg", ": did you mean 'jvm-args'?");
        refused("  launch.logfile = app.log", "launch.logfile", ": did you mean 'log-file'?");
    }

    @Test
    void console() {
        refused("  console.comand-timeout = 1m", "console.comand-timeout", ": did you mean 'command-timeout'?");
    }

    @Test
    void ssh() {
        refused("  ssh.hostkey-policy = strict", "ssh.hostkey-policy", ": did you mean 'host-key-policy'?");
        refused("  ssh.known_hosts = kh", "ssh.known_hosts", ": did you mean 'known-hosts'?");
    }

    @Test
    void fixtures() {
        refused("  fixtures.alowed = true", "fixtures.alowed", ": did you mean 'allowed'?");
    }

    @Test
    void session() {
        refused("  session.cookie = sid", "session.cookie", ".");
    }

    @Test
    void browser() {
        refused("  browser.headles = false", "browser.headles", ": did you mean 'headless'?");
    }

    @Test
    void aFarOffNameGetsNoSuggestionButTheList() {
        assertThatThrownBy(() -> target("  ready.wibble = 1"))
                .hasMessageContaining("ready.wibble is not a StagingTarget key. The keys of "
                        + "staging-target.targets.staging.ready are enabled, interval, path, timeout");
    }

    @Test
    void aTypoInATargetThatIsNotChosenStillFailsTheLoad() {
        assertThatThrownBy(() -> load("""
                staging-target.targets {
                  staging.base-url = "https://staging.example.com/"
                  production { base-url = "https://www.example.com/", ready.timout = 2m }
                }
                """))
                .hasMessageContaining("staging-target.targets.production.ready.timout is not a StagingTarget key");
    }

    @Test
    void systemPropertiesAreCheckedToo() {
        assertThatThrownBy(() -> load(
                        "staging-target.targets.staging.base-url = \"https://x/\"",
                        Map.of("staging-target.targets.staging.ready.timout", "2m")))
                .hasMessageStartingWith("system property -Dstaging-target.targets.staging.ready.timout: "
                        + "staging-target.targets.staging.ready.timout is not a StagingTarget key: did you mean "
                        + "'timeout'?");
    }

    @Test
    void freeFormMapsAndTheUsersOwnKeysStayFree() {
        assertThatCode(() -> load("""
                        my-own { anything = 1, nested { goes = here } }
                        staging-target.defaults.paths { home = "/", any-name-at-all = "/x/" }
                        staging-target.targets.local {
                          base-url = "http://127.0.0.1:{port}/"
                          launch { main-class = "App", env { WHATEVER_I_LIKE = "1", "dotted.name" = "2" } }
                          console.env { MY_VARIABLE = "3" }
                        }
                        """).target(new TargetSelection("local", "a test")))
                .doesNotThrowAnyException();
    }

    @Test
    void everyKeyOfReferenceConfIsKnown() {
        // reference.conf is loaded under every configuration: an empty user file passes the check.
        assertThat(load("").targetNames()).containsExactly("local");
        assertThat(ConfigSchema.targetKeys()).contains("ready.timeout", "launch.log-file", "browser.evidence-dir");
    }

    @Test
    void suggestionsAreCloseMatchesOnly() {
        assertThat(ConfigSchema.distance("timout", "timeout")).isEqualTo(1);
        assertThat(ConfigSchema.suggestion(ConfigSchema.TARGET, "lokal")).contains("local");
        assertThat(ConfigSchema.suggestion(ConfigSchema.TARGET, "database")).isEmpty();
    }
}
