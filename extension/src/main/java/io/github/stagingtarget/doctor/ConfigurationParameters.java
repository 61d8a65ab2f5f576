package io.github.stagingtarget.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * JUnit configuration parameters as the doctor can know them, looked up as JUnit does: system properties
 * first, then {@code junit-platform.properties} at the root of the test class path. (Parameters that only a
 * build tool passes to JUnit, such as Surefire's {@code configurationParameters}, are not visible here; use
 * {@code -D} or {@code junit-platform.properties} for the ones both should see.)
 */
final class ConfigurationParameters {

    static final String FILE = "junit-platform.properties";

    private ConfigurationParameters() {}

    static Function<String, Optional<String>> of(Map<?, ?> systemProperties, ClassLoader classLoader) {
        Properties file = new Properties();
        URL url = classLoader.getResource(FILE);
        if (url != null) {
            try (InputStream in = url.openStream()) {
                file.load(in);
            } catch (IOException e) {
                // JUnit ignores an unreadable file too (with a warning); the doctor then sees what JUnit sees.
            }
        }
        return name -> Optional.ofNullable(systemProperties.get(name))
                .map(String::valueOf)
                .or(() -> Optional.ofNullable(file.getProperty(name)));
    }
}
