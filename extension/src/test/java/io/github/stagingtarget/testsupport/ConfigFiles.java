package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes HOCON for a test into a file of its own. */
public final class ConfigFiles {

    private ConfigFiles() {}

    public static Path write(Path directory, String hocon) {
        try {
            Path file = Files.createTempFile(directory, "staging-target-", ".conf");
            return Files.writeString(file, hocon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
