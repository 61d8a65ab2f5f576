package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;

/**
 * Lets fixtures publish files ({@code ExtensionContext.publishFile}), which EngineTestKit refuses by
 * default: one directory per test below {@code root}.
 */
final class OutputDirectories implements OutputDirectoryCreator {

    private final Path root;

    OutputDirectories(Path root) {
        this.root = root;
    }

    @Override
    public Path getRootDirectory() {
        return root;
    }

    @Override
    public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
        return Files.createDirectories(
                root.resolve(descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9.-]+", "_")));
    }
}
