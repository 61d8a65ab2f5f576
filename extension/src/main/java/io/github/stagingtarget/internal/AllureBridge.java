package io.github.stagingtarget.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MediaType;

/**
 * Allure is optional: {@link #PRESENT} is checked before anything that links it, and the class that does,
 * {@link AllureLinked}, is only loaded then.
 */
final class AllureBridge {

    static final boolean PRESENT = present();

    private AllureBridge() {}

    private static boolean present() {
        try {
            Class.forName("io.qameta.allure.Allure", false, AllureBridge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Attaches {@code file} to the test result Allure has running on this thread, if any. */
    static void attach(String name, MediaType type, Path file) throws IOException {
        AllureLinked.attach(name, mimeType(type), extension(name), file);
    }

    /** {@code environment.properties} in Allure's results directory: what the run tested. */
    static void writeEnvironment(java.util.Map<String, String> environment) throws IOException {
        AllureLinked.writeEnvironment(environment);
    }

    /** Allure picks its viewer by the bare type: {@code text/plain}, not {@code text/plain; charset=UTF-8}. */
    static String mimeType(MediaType type) {
        String full = type.toString();
        int parameters = full.indexOf(';');
        return (parameters < 0 ? full : full.substring(0, parameters)).trim();
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private static final class AllureLinked {

        static void attach(String name, String type, String extension, Path file) throws IOException {
            io.qameta.allure.AllureLifecycle lifecycle = io.qameta.allure.Allure.getLifecycle();
            if (lifecycle.getCurrentTestCase().isEmpty()) {
                return;
            }
            try (InputStream content = Files.newInputStream(file)) {
                lifecycle.addAttachment(name, type, extension, content);
            }
        }

        static void writeEnvironment(java.util.Map<String, String> environment) throws IOException {
            String directory = io.qameta.allure.util.PropertiesUtils.loadAllureProperties()
                    .getProperty("allure.results.directory", "allure-results");
            Path results = Files.createDirectories(Path.of(directory));
            java.util.Properties properties = new java.util.Properties();
            properties.putAll(environment);
            try (var out = Files.newOutputStream(results.resolve("environment.properties"))) {
                properties.store(out, "Written by StagingTarget: what this run tested");
            }
        }
    }
}
