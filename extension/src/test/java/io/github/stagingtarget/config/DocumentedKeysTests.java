package io.github.stagingtarget.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Docs are part of the feature: every key reference.conf gives a target has its row somewhere in docs/. */
class DocumentedKeysTests {

    /** The project's docs, seen from the extension module the tests run in. */
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everyTargetKeyOfReferenceConfIsInTheDocs() throws IOException {
        Config defaults = ConfigFactory.parseResources("reference.conf").getConfig("staging-target.defaults");
        String docs = allDocs();

        List<String> undocumented = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : defaults.entrySet()) {
            if (!documented(entry.getKey(), docs)) {
                undocumented.add(entry.getKey());
            }
        }

        assertThat(defaults.entrySet()).as("reference.conf has target keys").hasSizeGreaterThan(40);
        assertThat(undocumented)
                .as("keys of reference.conf named nowhere in docs/*.md as `key` or, inside its block's table, "
                        + "`key without the block`")
                .isEmpty();
    }

    /** {@code http.tls.trust} is documented as itself, or as {@code tls.trust} in the http block's table. */
    private static boolean documented(String key, String docs) {
        String shorter = key;
        while (true) {
            if (docs.contains("`" + shorter + "`") || docs.contains("`" + shorter + " ")) {
                return true;
            }
            int dot = shorter.indexOf('.');
            if (dot < 0 || shorter.indexOf('.', dot + 1) < 0 && !key.equals(shorter)) {
                return false;
            }
            shorter = shorter.substring(dot + 1);
        }
    }

    private static String allDocs() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .map(DocumentedKeysTests::read)
                    .collect(Collectors.joining("\n"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
