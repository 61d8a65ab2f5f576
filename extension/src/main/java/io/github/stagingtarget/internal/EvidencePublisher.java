package io.github.stagingtarget.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * The one way a failed test's evidence (browser, server logs, HTTP exchanges) leaves the run. Each file is
 * written to the test's own directory below {@code browser.evidence-dir}, then
 *
 * <ul>
 *   <li>published to JUnit's report ({@code ExtensionContext.publishFile});
 *   <li>named in the test's output as {@code [[ATTACHMENT|absolute path]]}, which Surefire and Failsafe put
 *       in the test's {@code system-out} in their XML, where Jenkins and GitLab find attachments;
 *   <li>attached to the current Allure test result when {@code allure-java-commons} is on the class path.
 * </ul>
 *
 * Publishing never hides the test's failure: a problem is added to it as suppressed.
 */
final class EvidencePublisher {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "evidence");
    private static final String DIRECTORY = "directory";
    private static final String NAMES = "names";
    static final String REPORT_ENTRY = "staging-target.evidence";

    private EvidencePublisher() {}

    /** What writes one file's content. */
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** This test's evidence directory, {@code <evidence-dir>/<class>/<test>}; chosen once, created on demand. */
    static Path directory(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(DIRECTORY, key -> newDirectory(context), Path.class);
    }

    /** Writes {@code content} as {@code name} in the test's directory (renamed if taken) and publishes it. */
    static void publish(ExtensionContext context, String name, Content content, Throwable failure) {
        Path file = directory(context).resolve(freeName(context, name));
        try {
            Files.createDirectories(file.getParent());
            content.writeTo(file);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(new EvidenceException("Could not save the evidence file " + file, e));
            return;
        }
        publishSaved(context, file, failure);
    }

    /** Publishes a file already saved in {@link #directory(ExtensionContext)}. */
    static void publishSaved(ExtensionContext context, Path file, Throwable failure) {
        claim(context, file.getFileName().toString());
        Store store = context.getStore(NAMESPACE);
        if (store.get(REPORT_ENTRY) == null) {
            store.put(REPORT_ENTRY, Boolean.TRUE);
            context.publishReportEntry(
                    REPORT_ENTRY, file.getParent().toAbsolutePath().toString());
        }
        String name = file.getFileName().toString();
        MediaType type = mediaType(name);
        try {
            context.publishFile(
                    name, type, published -> Files.copy(file, published, StandardCopyOption.REPLACE_EXISTING));
        } catch (RuntimeException e) {
            failure.addSuppressed(new EvidenceException("Could not publish " + file + " to the test report", e));
        }
        // Captured as the test's output: Surefire and Failsafe write it to the test's system-out in their XML.
        PrintStream out = System.out;
        out.println("[[ATTACHMENT|" + file.toAbsolutePath() + "]]");
        if (AllureBridge.PRESENT) {
            try {
                AllureBridge.attach(name, type, file);
            } catch (IOException | RuntimeException | LinkageError e) {
                failure.addSuppressed(new EvidenceException("Could not attach " + file + " to the Allure result", e));
            }
        }
    }

    /** {@code name}, or {@code name-2}, {@code name-3}… before its extension if the test already has that name. */
    private static String freeName(ExtensionContext context, String name) {
        Set<String> taken = names(context);
        synchronized (taken) {
            int dot = name.indexOf('.', 1);
            String stem = dot < 0 ? name : name.substring(0, dot);
            String extension = dot < 0 ? "" : name.substring(dot);
            String candidate = name;
            for (int n = 2; taken.contains(candidate); n++) {
                candidate = stem + "-" + n + extension;
            }
            taken.add(candidate);
            return candidate;
        }
    }

    private static void claim(ExtensionContext context, String name) {
        Set<String> taken = names(context);
        synchronized (taken) {
            taken.add(name);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> names(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(NAMES, key -> new HashSet<String>(), Set.class);
    }

    private static Path newDirectory(ExtensionContext context) {
        Path directory = TargetStore.definition(context)
                .browser()
                .evidenceDirectory()
                .resolve(safe(context.getRequiredTestClass().getName()))
                .resolve(safe(testName(context)));
        Path candidate = directory;
        // A rerun, or a second invocation with the same name, keeps the first one's files.
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = directory.resolveSibling(directory.getFileName() + "-" + n);
        }
        return candidate;
    }

    private static String testName(ExtensionContext context) {
        String method =
                context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("class");
        String display = context.getDisplayName();
        // Parameterized and repeated invocations share a method name; their display names tell them apart.
        return display.startsWith(method + "(") ? method : method + "-" + display;
    }

    private static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._$-]+", "_");
        return cleaned.length() > 120 ? cleaned.substring(0, 120) : cleaned;
    }

    static MediaType mediaType(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return MediaType.IMAGE_PNG;
        }
        if (name.endsWith(".html")) {
            return MediaType.parse("text/html; charset=UTF-8");
        }
        if (name.endsWith(".har") || name.endsWith(".json")) {
            return MediaType.APPLICATION_JSON;
        }
        if (name.endsWith(".eml")) {
            return MediaType.create("message", "rfc822");
        }
        return MediaType.TEXT_PLAIN_UTF_8;
    }

    /** A problem saving or publishing evidence, added to the test's failure as suppressed. */
    static final class EvidenceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvidenceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
