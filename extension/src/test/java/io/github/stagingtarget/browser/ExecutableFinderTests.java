package io.github.stagingtarget.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableFinderTests {

    @TempDir
    Path dir;

    private Path file(String directory, String name, String permissions) throws IOException {
        Path file = Files.createDirectories(dir.resolve(directory)).resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void preferredNameWinsOverDirectoryOrderAndNonExecutablesAreSkipped() throws IOException {
        file("a", "chromium", "rw-r--r--");
        Path chromiumInB = file("b", "chromium", "rwxr-xr-x");
        file("a", "google-chrome", "rwxr-xr-x");
        ExecutableFinder finder = new ExecutableFinder(List.of(dir.resolve("a"), dir.resolve("b")));

        assertThat(finder.find(List.of("chromium", "google-chrome"))).contains(chromiumInB);
        assertThat(finder.find(List.of("chromedriver"))).isEmpty();
        assertThat(finder.describe())
                .startsWith("PATH [")
                .contains(dir.resolve("a").toString());
    }
}
