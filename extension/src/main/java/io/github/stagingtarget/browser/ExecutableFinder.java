package io.github.stagingtarget.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds executables on a search path, the way a shell would; no Selenium, so it can be tested alone. */
final class ExecutableFinder {

    private final List<Path> directories;

    ExecutableFinder(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    static ExecutableFinder fromEnvironment() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        List<Path> directories = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        return new ExecutableFinder(directories);
    }

    /** The first of {@code names} found in the first directory that has it, in the order given. */
    Optional<Path> find(List<String> names) {
        for (String name : names) {
            for (Path directory : directories) {
                Path candidate = directory.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** For messages: where we looked. */
    String describe() {
        return directories.isEmpty() ? "an empty PATH" : "PATH " + directories;
    }
}
