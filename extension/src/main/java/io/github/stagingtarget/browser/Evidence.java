package io.github.stagingtarget.browser;

import io.github.stagingtarget.secrets.SecretMask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Saves what a browser shows at the moment a test fails. Every part is captured on its own: a browser
 * that cannot take a screenshot still yields its page source, and no capture problem hides the test's own
 * failure (each is added to it as suppressed).
 */
final class Evidence {

    static final String SCREENSHOT = "screenshot.png";
    static final String PAGE_SOURCE = "page-source.html";
    static final String URL = "url.txt";
    static final String CONSOLE = "console.log";

    private Evidence() {}

    static List<Path> capture(WebDriver driver, Path directory, Throwable failure, SecretMask mask) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            failure.addSuppressed(new BrowserException("Could not create the evidence directory " + directory, e));
            return files;
        }
        save(
                files,
                directory.resolve(URL),
                failure,
                "the URL",
                () -> (Redactor.text(String.valueOf(driver.getCurrentUrl()), mask) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        save(
                files,
                directory.resolve(SCREENSHOT),
                failure,
                "a screenshot",
                () -> ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        save(
                files,
                directory.resolve(PAGE_SOURCE),
                failure,
                "the page source",
                () -> Redactor.html(String.valueOf(driver.getPageSource()), mask)
                        .getBytes(StandardCharsets.UTF_8));
        if (supportsLogs(driver)) {
            save(
                    files,
                    directory.resolve(CONSOLE),
                    failure,
                    "the browser console log",
                    () -> consoleLog(driver, mask).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    /** Only Chromium's driver serves the (non-standard) log endpoint; asking Firefox only yields an error. */
    private static boolean supportsLogs(WebDriver driver) {
        return driver instanceof org.openqa.selenium.HasCapabilities capable
                && capable.getCapabilities().getBrowserName().matches("(?i)chrome|chromium|chrome-headless-shell");
    }

    private static String consoleLog(WebDriver driver, SecretMask mask) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> line(entry, mask))
                .collect(Collectors.joining());
    }

    private static String line(LogEntry entry, SecretMask mask) {
        return Instant.ofEpochMilli(entry.getTimestamp()) + " " + entry.getLevel() + " "
                + Redactor.text(entry.getMessage(), mask) + "\n";
    }

    private interface Capture {
        byte[] bytes() throws IOException;
    }

    private static void save(List<Path> files, Path file, Throwable failure, String what, Capture capture) {
        try {
            Files.write(file, capture.bytes());
            files.add(file);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(new BrowserException("Could not save " + what + " of the failed test to " + file, e));
        }
    }
}
