package io.github.stagingtarget.browser;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.config.ConfigLoader;
import io.github.stagingtarget.config.TargetSelection;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.TestPages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.openqa.selenium.WebDriver;

/**
 * Measurements for {@code bench/browser-reuse.sh}; not a test. Modes:
 *
 * <ul>
 *   <li>{@code suite}: runs two fixture classes of {@value #TESTS_PER_CLASS} browser tests each, with the
 *       reuse policy from {@code -Dstaging-target.defaults.browser.reuse}, and prints {@code suite-ms N}.
 *   <li>{@code parts}: times a cold start (start, first page, quit) and a reset of a used browser with the
 *       plain classes, and prints {@code cold-ms N} and {@code reset-ms N} (medians in this JVM).
 * </ul>
 */
public final class BrowserReuseBench {

    static final int TESTS_PER_CLASS = 8;

    private BrowserReuseBench() {}

    public static void main(String[] args) throws Exception {
        try (TestPages pages = TestPages.start()) {
            Path dir = Files.createTempDirectory("browser-bench");
            Path config = ConfigFiles.write(dir, pages.config(""));
            if (args.length > 0 && args[0].equals("parts")) {
                parts(config);
            } else {
                suite(config);
            }
        }
    }

    private static void suite(Path config) {
        long start = System.nanoTime();
        EngineExecutionResults results = io.github.stagingtarget.testsupport.StagingTargetTestKit.run(
                config, "local", java.util.Map.of(), FirstBenchTestCase.class, SecondBenchTestCase.class);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        long succeeded = results.testEvents().succeeded().count();
        if (succeeded != 2L * TESTS_PER_CLASS) {
            throw new IllegalStateException("Only " + succeeded + " bench tests succeeded: "
                    + results.testEvents().failed().list());
        }
        System.out.println("suite-ms " + elapsed);
    }

    private static void parts(Path config) {
        var target = io.github.stagingtarget.config.ConfiguredTarget.of(ConfigLoader.load(
                        BrowserReuseBench.class.getClassLoader(),
                        Optional.of(config.toString()),
                        System.getProperties())
                .target(new TargetSelection("local", "the bench")));
        List<Long> cold = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            try (RunningBrowser session =
                    RunningBrowser.start(target.definition().browser(), "local")) {
                session.browserFor(target).open("home");
            }
            cold.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Long> resets = new ArrayList<>();
        try (RunningBrowser session = RunningBrowser.start(target.definition().browser(), "local")) {
            Browser browser = session.browserFor(target);
            for (int i = 0; i < 30; i++) {
                browser.open("store");
                long start = System.nanoTime();
                session.reset();
                resets.add((System.nanoTime() - start) / 1_000);
            }
        }
        System.out.println("cold-ms " + median(cold));
        System.out.println("reset-ms " + median(resets) / 1000.0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @StagingTarget
    static class FirstBenchTestCase {

        /** Each test loads a page that sets a cookie and storage, as a logged-in page would. */
        @RepeatedTest(TESTS_PER_CLASS)
        void opensPages(Browser browser, RepetitionInfo repetition) {
            browser.open("store");
            WebDriver page = browser.open("list", repetition.getCurrentRepetition());
            if (!page.getTitle().equals("List " + repetition.getCurrentRepetition())) {
                throw new AssertionError("Unexpected page " + page.getTitle());
            }
        }
    }

    static class SecondBenchTestCase extends FirstBenchTestCase {}
}
