package io.github.stagingtarget.example.todo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files under {@code static/} on the classpath (from {@code src/main/resources/static/}), loaded once.
 *
 * <p>The app serves them itself at {@code /static/NAME}; on staging, {@code static export DIR} copies them out so
 * that nginx serves them instead. Only names found here are ever served, which rules out path traversal.
 */
final class StaticFiles {

    private static final String ROOT = "static";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final Map<String, byte[]> files;

    private StaticFiles(Map<String, byte[]> files) {
        this.files = Collections.unmodifiableMap(files);
    }

    /** Reads the static files from the directory or jar that this class was loaded from. */
    static StaticFiles load() {
        try {
            Path codeSource = Path.of(StaticFiles.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(codeSource)) {
                return new StaticFiles(readTree(codeSource.resolve(ROOT)));
            }
            try (FileSystem jar = FileSystems.newFileSystem(codeSource)) {
                return new StaticFiles(readTree(jar.getPath("/" + ROOT)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the static files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the static files", e);
        }
    }

    /** Relative names with forward slashes, e.g. {@code app.css}, sorted. */
    Iterable<String> names() {
        return files.keySet();
    }

    Optional<byte[]> content(String name) {
        return Optional.ofNullable(files.get(name)).map(byte[]::clone);
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** Copies every file to {@code directory}, creating it and replacing files of the same name. */
    void exportTo(Path directory) throws IOException {
        for (var file : files.entrySet()) {
            Path target = directory.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }

    private static Map<String, byte[]> readTree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return files;
    }
}
