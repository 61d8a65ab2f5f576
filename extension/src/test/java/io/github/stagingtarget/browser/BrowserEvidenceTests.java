package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/** A failed test leaves the page as it was at the failure, whatever its @AfterEach does afterwards. */
class BrowserEvidenceTests extends BrowserKitSupport {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void failureSavesAndPublishesThePageAsItWasWhenTheTestFailed() throws IOException {
        Path reports = dir.resolve("reports");
        EngineExecutionResults results =
                run("reuse = per-test, evidence-dir = \"" + reports + "\"", FailingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Throwable failure = StagingTargetTestKit.firstFailure(results.testEvents());
        assertThat(failure)
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("title of the broken page ==> expected: <Fixed> but was: <Broken>");
        assertThat(failure.getSuppressed())
                .as(
                        "capture problems, caused by %s",
                        Arrays.stream(failure.getSuppressed())
                                .map(problem -> String.valueOf(problem.getCause()))
                                .collect(Collectors.toList()))
                .isEmpty();

        Path evidence = reports.resolve(FailingTestCase.class.getName()).resolve("failsOnTheBrokenPage");
        byte[] screenshot = Files.readAllBytes(evidence.resolve("screenshot.png"));
        assertThat(screenshot.length).isGreaterThan(1000);
        assertThat(Arrays.copyOf(screenshot, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        String source = Files.readString(evidence.resolve("page-source.html"));
        assertThat(source).contains("Something broke on this page").doesNotContain("Home page");
        assertThat(source)
                .as("password field values are masked")
                .doesNotContain("hunter2")
                .contains("***");
        assertThat(Files.readString(evidence.resolve("url.txt")).trim()).isEqualTo(pages.baseUrl() + "broken");
        assertThat(Files.readString(evidence.resolve("console.log"))).contains("the broken page logged this");

        List<FileEntry> published = results.allEvents().fileEntryPublished().stream()
                .map(event -> event.getRequiredPayload(FileEntry.class))
                .collect(Collectors.toList());
        assertThat(published)
                .extracting(entry -> entry.getPath().getFileName().toString())
                .containsExactlyInAnyOrder("url.txt", "screenshot.png", "page-source.html", "console.log");
        for (FileEntry entry : published) {
            assertThat(entry.getPath()).isNotEmptyFile();
        }
        assertThat(published)
                .filteredOn(entry -> entry.getPath().toString().endsWith(".html"))
                .singleElement()
                .satisfies(entry -> assertThat(Files.readString(entry.getPath(), StandardCharsets.UTF_8))
                        .contains("Something broke on this page"));
        assertThat(results.allEvents().reportingEntryPublished().stream()
                        .map(BrowserEvidenceTests::entries)
                        .filter(entry -> entry.contains("staging-target.evidence")))
                .singleElement()
                .asString()
                .contains(evidence.toAbsolutePath().toString());
    }

    private static String entries(Event event) {
        return event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().toString();
    }

    @StagingTarget
    static class FailingTestCase {

        @AfterEach
        void leaveTheBrokenPage(Browser browser) {
            browser.open("home");
        }

        @Test
        void failsOnTheBrokenPage(Browser browser) {
            String title = browser.open("broken").getTitle();
            org.junit.jupiter.api.Assertions.assertEquals("Fixed", title, "title of the broken page");
        }
    }
}
