package io.github.stagingtarget.config;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says where a value came from, in two lengths: {@link #full} for error messages (Typesafe's own
 * {@code /path/staging-target.conf: 12}, or {@code system property -Dstaging-target.…}), and {@link #brief}
 * for the doctor and the run header ({@code staging-target.conf:12}, {@code env STAGING_URL},
 * {@code -Dstaging-target.…}).
 */
final class Origins {

    /** The origin description of every {@code -Dstaging-target.…} override (set by {@link ConfigLoader}). */
    static final String SYSTEM_PROPERTIES = "system properties";
    /** The origin description of values taken from environment variables (set by {@link ConfigLoader}). */
    static final String ENVIRONMENT = "env variables";
    /** The start of the origin description of the personal file's values (set by {@link ConfigLoader}). */
    static final String PERSONAL = "personal file ";

    private static final String MERGE = "merge of ";
    private static final Pattern DESCRIBED_LINE = Pattern.compile("(.*?)(?: @ \\S+)?: (\\d+)");

    private Origins() {}

    /** For error messages: the file and line as Typesafe reports them, or the system property. */
    static String full(ConfigValue value, String key) {
        String description = value.origin().description();
        return description.equals(SYSTEM_PROPERTIES) ? "system property -D" + key : description;
    }

    /**
     * For people scanning a list: {@code staging-target.conf:12}, {@code env STAGING_URL},
     * {@code -Dstaging-target.targets.staging.ready.timeout}, or several joined by {@code +} for a value
     * concatenated from several places.
     *
     * @param environmentVariables the variables the value at {@code key} was built from
     */
    static String brief(ConfigValue value, String key, List<String> environmentVariables) {
        ConfigOrigin origin = value.origin();
        String description = origin.description();
        if (description.startsWith(MERGE)) {
            Set<String> parts = new LinkedHashSet<>();
            for (String part : description.substring(MERGE.length()).split(",")) {
                parts.add(part(part.trim(), key, environmentVariables));
            }
            return String.join(" + ", parts);
        }
        String file = origin.resource() != null
                ? origin.resource()
                : origin.filename() != null
                        ? origin.filename()
                        : origin.url() != null ? origin.url().getPath() : null;
        if (file == null) {
            return part(description, key, environmentVariables);
        }
        String name = file.substring(file.lastIndexOf('/') + 1);
        return origin.lineNumber() >= 0 ? name + ":" + origin.lineNumber() : name;
    }

    private static String part(String description, String key, List<String> environmentVariables) {
        if (description.startsWith(PERSONAL)) {
            // "personal file /home/ada/.config/staging-target/staging-target.conf: 3" -> "personal
            // staging-target.conf:3"
            Matcher line = DESCRIBED_LINE.matcher(description);
            String file = line.matches() ? line.group(1) : description;
            return "personal " + file.substring(file.lastIndexOf('/') + 1)
                    + (line.matches() ? ":" + line.group(2) : "");
        }
        if (description.equals(SYSTEM_PROPERTIES)) {
            return "-D" + key;
        }
        if (description.equals(ENVIRONMENT)) {
            return environmentVariables.isEmpty() ? "env" : "env " + String.join(", ", environmentVariables);
        }
        Matcher matcher = DESCRIBED_LINE.matcher(description);
        if (matcher.matches()) {
            String file = matcher.group(1);
            return file.substring(file.lastIndexOf('/') + 1) + ":" + matcher.group(2);
        }
        return description;
    }
}
