package io.github.stagingtarget.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One entry of a target's {@code logs}: a file on the server whose new lines a failed test caused, or a
 * command that prints them (its {@value #SINCE} and {@value #SINCE_EPOCH} stand for the test's start).
 *
 * <pre>
 * logs = [
 *   "~/sites/app/gunicorn.log",
 *   { command = "journalctl -u app --no-pager --since=@{since-epoch}", name = "journal" }
 * ]
 * </pre>
 *
 * @param name the evidence file's name without {@code server-log-} and {@code .txt}
 * @param file the file's path on the server ({@code ~/} is the server user's home), or empty
 * @param command the shell command, or empty
 */
@API(status = INTERNAL, since = "0.1")
public record LogSource(String name, Optional<String> file, Optional<String> command) {

    /** The test's start as an RFC 3339 instant in UTC, whole seconds: {@code 2026-12-03T22:52:36Z}. */
    public static final String SINCE = "{since}";
    /** The test's start in seconds since the epoch, for {@code journalctl --since=@{since-epoch}}. */
    public static final String SINCE_EPOCH = "{since-epoch}";

    public LogSource {
        if (file.isPresent() == command.isPresent()) {
            throw new IllegalArgumentException("A log source is a file or a command: " + file + ", " + command);
        }
    }

    public static LogSource ofFile(String path) {
        return new LogSource(fileName(path), Optional.of(path), Optional.empty());
    }

    public static LogSource ofCommand(String name, String command) {
        return new LogSource(name, Optional.empty(), Optional.of(command));
    }

    /** The evidence file this source is published as: {@code server-log-NAME.txt}. */
    public String evidenceFileName() {
        return "server-log-" + name + ".txt";
    }

    /**
     * A name no other path maps to: {@code /var/log/nginx/error.log} gives {@code var_log_nginx_error.log};
     * an underscore of the path is doubled ({@code /a_b.log} gives {@code a__b.log}, not {@code /a/b.log}'s
     * {@code a_b.log}) and any other character outside {@code A-Z a-z 0-9 . -} becomes {@code %XX} per UTF-8
     * byte. One leading {@code /} is dropped; {@code ~/} gives {@code %7E_}.
     */
    static String fileName(String path) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        StringBuilder name = new StringBuilder();
        for (byte b : rest.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                name.append(c);
            } else if (c == '/') {
                name.append('_');
            } else if (c == '_') {
                name.append("__");
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name.toString();
    }
}
