package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.stagingtarget.BrowserReuse;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserSettingsReaderTests {

    @TempDir
    Path dir;

    private Path file;

    private BrowserSettings browser(String block, Map<String, String> systemProperties) {
        file = ConfigFiles.write(dir, """
                staging-target.targets.local {
                  base-url = "http://127.0.0.1:8080/"
                  browser {
                %s
                  }
                }
                """.formatted(block));
        return ConfigLoader.load(getClass().getClassLoader(), Optional.of(file.toString()), systemProperties)
                .target(new TargetSelection("local", "a test"))
                .browser();
    }

    private BrowserSettings browser(String block) {
        return browser(block, Map.of());
    }

    @Test
    void everyKeyHasADefaultInReferenceConf() {
        BrowserSettings spec = browser("");

        assertThat(spec.kind()).isEqualTo(BrowserSettings.Kind.CHROMIUM);
        assertThat(spec.headless()).isTrue();
        assertThat(spec.windowSize()).contains(new BrowserSettings.WindowSize(1280, 800));
        assertThat(spec.arguments()).isEmpty();
        assertThat(spec.binary()).isEmpty();
        assertThat(spec.driver()).isEmpty();
        assertThat(spec.pageLoadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.scriptTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.remoteUrl()).isEmpty();
        assertThat(spec.reuse()).isEqualTo(BrowserReuse.Policy.PER_CLASS);
        assertThat(spec.evidenceDirectory())
                .isEqualTo(Path.of("target/staging-target-reports").toAbsolutePath());
    }

    @Test
    void targetValuesAndSystemPropertiesOverrideTheDefaults() {
        BrowserSettings spec = browser("""
                    name = Firefox, headless = false, window-size = "", arguments = ["--lang=de"]
                    driver = "/opt/geckodriver", remote-url = "http://127.0.0.1:4444/wd/hub"
                """, Map.of("staging-target.targets.local.browser.reuse", "per-run"));

        assertThat(spec.kind()).isEqualTo(BrowserSettings.Kind.FIREFOX);
        assertThat(spec.headless()).isFalse();
        assertThat(spec.windowSize()).isEmpty();
        assertThat(spec.arguments()).isEqualTo(List.of("--lang=de"));
        assertThat(spec.driver()).hasValueSatisfying(driver -> {
            assertThat(driver.path()).isEqualTo(Path.of("/opt/geckodriver"));
            assertThat(driver.key()).isEqualTo("staging-target.targets.local.browser.driver");
            assertThat(driver.origin()).contains(file.getFileName().toString()).contains(": 5");
        });
        assertThat(spec.remoteUrl()).contains(URI.create("http://127.0.0.1:4444/wd/hub"));
        assertThat(spec.reuse()).isEqualTo(BrowserReuse.Policy.PER_RUN);
    }

    @Test
    void misspelledKeyIsNamedWithItsOriginInsteadOfBeingIgnored() {
        assertThatThrownBy(() -> browser("    headles = false"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining(file.getFileName() + ": 4: staging-target.targets.local.browser.headles is not "
                        + "a StagingTarget key: did you mean 'headless'? The keys of staging-target.targets.local.browser "
                        + "are arguments, binary, driver, evidence-dir, headless, name, page-load-timeout, remote-url, "
                        + "reuse, script-timeout, window-size (see docs/browser.md).");
    }

    @Test
    void badValuesSayWhatWasExpected() {
        assertThatThrownBy(() -> browser("    reuse = sometimes"))
                .hasMessageContaining(": 4: staging-target.targets.local.browser.reuse: "
                        + "expected per-test, per-class, per-run, but was '\"sometimes\"'");
        assertThatThrownBy(() -> browser("    name = safari"))
                .hasMessageContaining(
                        "staging-target.targets.local.browser.name: expected chrome, chromium or firefox, "
                                + "but was '\"safari\"'");
        assertThatThrownBy(() -> browser("    window-size = \"1280*800\""))
                .hasMessageContaining("staging-target.targets.local.browser.window-size: expected WIDTHxHEIGHT");
        assertThatThrownBy(() -> browser("    remote-url = \"127.0.0.1:4444\""))
                .hasMessageContaining("staging-target.targets.local.browser.remote-url: expected the http(s) URL "
                        + "of a Selenium Grid");
        assertThatThrownBy(() -> browser("    page-load-timeout = 0s"))
                .hasMessageContaining(
                        "staging-target.targets.local.browser.page-load-timeout: expected a positive " + "duration");
    }
}
