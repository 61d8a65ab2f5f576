package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.config.BrowserSettings;
import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.testsupport.BrowserProcesses;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Chromium's sandbox stays on unless the JVM runs as root, where Chromium refuses to start with it. */
@ResourceLock(BrowserProcesses.LOCK) // starts chromedriver and Chromium in this JVM's process tree
class SandboxTests {

    @TempDir
    Path dir;

    private BrowserSettings spec() {
        return spec("");
    }

    private BrowserSettings spec(String browserBlock) {
        Path file = ConfigFiles.write(dir, """
                staging-target.targets.local.base-url = "http://127.0.0.1:8080/"
                staging-target.targets.local.browser { %s }
                """.formatted(browserBlock));
        return ConfigLoader.load(getClass().getClassLoader(), Optional.of(file.toString()), Map.of())
                .target(new TargetSelection("local", "a test"))
                .browser();
    }

    @SuppressWarnings("unchecked")
    private static List<String> arguments(boolean root, BrowserSettings spec) {
        Map<String, Object> chrome = (Map<String, Object>)
                DriverFactory.chromiumOptions(spec, root).asMap().get("goog:chromeOptions");
        return (List<String>) chrome.get("args");
    }

    @Test
    void noSandboxOnlyForRoot() {
        BrowserSettings spec = spec();

        assertThat(arguments(true, spec)).contains("--no-sandbox");
        assertThat(arguments(false, spec)).doesNotContain("--no-sandbox").contains("--headless=new");
    }

    /** A "browser" that exits at once, as Chromium does where its sandbox cannot work. */
    private String exitingBrowser() throws Exception {
        Path browser = dir.resolve("exiting-chromium");
        Files.writeString(browser, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwxr-xr-x"));
        return "binary = \"" + browser + "\", driver = \"/usr/bin/chromedriver\"";
    }

    @Test
    void aBrowserThatExitsAtOnceGetsTheSandboxHintOnlyWhenItHadTheSandbox() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromedriver")), "needs /usr/bin/chromedriver");
        BrowserSettings spec = spec(exitingBrowser());

        assertThatThrownBy(() -> new DriverFactory(ExecutableFinder.fromEnvironment(), false).start(spec, "local"))
                .isInstanceOf(BrowserException.class)
                .hasMessageStartingWith("Could not start chromium for target 'local' with driver /usr/bin/chromedriver")
                .hasMessageEndingWith("Chromium keeps its sandbox when not run as root, and the sandbox needs user"
                        + " namespaces; where they are not allowed (some containers), add \"--no-sandbox\" to"
                        + " browser.arguments.");
        assertThatThrownBy(() -> new DriverFactory(ExecutableFinder.fromEnvironment(), true).start(spec, "local"))
                .isInstanceOf(BrowserException.class)
                .message()
                .doesNotContain("sandbox");
    }

    @Test
    void rootIsUidZero() throws Exception {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("Uid:"))
                .map(line -> line.split("\\s+")[1])
                .findFirst()
                .orElseThrow();

        assertThat(RunningUser.isRoot()).isEqualTo(uid.equals("0"));
    }

    @Test
    void aLocalChromiumGetsTheSandboxUnlessThisJvmIsRoot() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "needs /usr/bin/chromium");
        try (RunningBrowser session = RunningBrowser.start(spec(), "local")) {
            List<String> browsers = session.processes()
                    .map(tree -> tree.members().stream()
                            .map(process -> process.info().commandLine().orElse(""))
                            .filter(line -> line.contains("--headless"))
                            .toList())
                    .orElseThrow();

            assertThat(browsers).as("the browser's command line").hasSize(1);
            assertThat(browsers.get(0).contains("--no-sandbox")).isEqualTo(RunningUser.isRoot());
            session.driver().get("data:text/html,<p id='p'>sandboxed</p>");
        }
    }
}
