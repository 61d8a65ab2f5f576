package io.github.stagingtarget.doctor;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the libraries the checks use from writing into the doctor's report: SLF4J's notice that no logging
 * provider is present (from SSHJ), SSHJ's INFO lines under slf4j-simple, and Selenium's warnings about the
 * CDP version of a newer Chromium. Only for the doctor's own process ({@link Doctor#main}); the tests' logging
 * stays the user's business.
 */
final class QuietLibraries {

    // Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final List<Logger> SELENIUM = List.of(Logger.getLogger("org.openqa.selenium"));

    private QuietLibraries() {}

    static void quiet() {
        SELENIUM.forEach(logger -> logger.setLevel(Level.SEVERE));
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        initializeSlf4jSilently();
    }

    /** SLF4J reports a missing provider once, on stderr, when it first initializes: let it happen here. */
    private static void initializeSlf4jSilently() {
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Class.forName("org.slf4j.LoggerFactory", true, QuietLibraries.class.getClassLoader())
                    .getMethod("getILoggerFactory")
                    .invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // No SLF4J on the class path: nothing will complain.
        } finally {
            System.setErr(stderr);
        }
    }
}
