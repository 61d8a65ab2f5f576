package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.config.BrowserSpec;
import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.testsupport.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chromium's sandbox stays on unless the JVM runs as root, where Chromium refuses to start with it. */
class SandboxTests {

    @TempDir
    Path dir;

    private BrowserSpec spec() {
        Path file = ConfigFiles.write(dir, """
                staging-target.targets.local.base-url = "http://127.0.0.1:8080/"
                """);
        return ConfigLoader.load(getClass().getClassLoader(), Optional.of(file.toString()), Map.of())
                .target(new TargetSelection("local", "a test"))
                .browser();
    }

    @SuppressWarnings("unchecked")
    private static List<String> arguments(boolean root, BrowserSpec spec) {
        Map<String, Object> chrome = (Map<String, Object>)
                DriverFactory.chromiumOptions(spec, root).asMap().get("goog:chromeOptions");
        return (List<String>) chrome.get("args");
    }

    @Test
    void noSandboxOnlyForRoot() {
        BrowserSpec spec = spec();

        assertThat(arguments(true, spec)).contains("--no-sandbox");
        assertThat(arguments(false, spec)).doesNotContain("--no-sandbox").contains("--headless=new");
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
        try (BrowserSession session = BrowserSession.start(spec(), "local")) {
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
