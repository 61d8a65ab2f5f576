package io.github.stagingtarget.example.todo;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The app's configuration: command-line options first, then environment variables, then defaults.
 *
 * <pre>
 * option          environment variable   default
 * --host          TODO_HOST              127.0.0.1
 * --port          TODO_PORT              8000 (0 = any free port)
 * --unix-socket   TODO_UNIX_SOCKET       none (serve on TCP)
 * --jdbc-url      TODO_JDBC_URL          jdbc:h2:file:./target/todo-db/todo;AUTO_SERVER=TRUE
 *                 TODO_JDBC_USER         none
 *                 TODO_JDBC_PASSWORD     none
 *                 TODO_VERSION           dev
 * --smtp-host     TODO_SMTP_HOST         none (log in without e-mail: development only)
 * --smtp-port     TODO_SMTP_PORT         25
 *                 TODO_MAIL_FROM         noreply@todo.test
 * </pre>
 *
 * <p>The JDBC user and password have no options on purpose: a command line is visible to every user of the host in
 * {@code ps}.
 */
record AppSettings(
        String host,
        int port,
        Optional<Path> unixSocket,
        String jdbcUrl,
        Optional<String> jdbcUser,
        Optional<String> jdbcPassword,
        String version,
        Optional<String> smtpHost,
        int smtpPort,
        String mailFrom) {

    /** Relative to the working directory, so that `mvn` runs in the module keep their data under target/. */
    static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./target/todo-db/todo;AUTO_SERVER=TRUE";

    static final Set<String> OPTIONS = Set.of("host", "port", "unix-socket", "jdbc-url", "smtp-host", "smtp-port");

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^;&]*");

    /**
     * @param options option values by name without the leading dashes (see {@link #OPTIONS})
     * @param env     the environment, usually {@link System#getenv()}
     * @throws IllegalArgumentException when a value is invalid; the message names where it came from
     */
    static AppSettings resolve(Map<String, String> options, Map<String, String> env) {
        var unknown = options.keySet().stream()
                .filter(name -> !OPTIONS.contains(name))
                .findFirst();
        if (unknown.isPresent()) {
            throw new IllegalArgumentException("Unknown option --" + unknown.get() + "; known options are "
                    + OPTIONS.stream().sorted().map(o -> "--" + o).toList());
        }
        Lookup lookup = new Lookup(options, env);
        return new AppSettings(
                lookup.get("host", "TODO_HOST").orElse("127.0.0.1"),
                lookup.port("port", "TODO_PORT", 8000),
                lookup.get("unix-socket", "TODO_UNIX_SOCKET").map(Path::of),
                lookup.get("jdbc-url", "TODO_JDBC_URL").orElse(DEFAULT_JDBC_URL),
                lookup.get(null, "TODO_JDBC_USER"),
                lookup.get(null, "TODO_JDBC_PASSWORD"),
                lookup.get(null, "TODO_VERSION").orElse("dev"),
                lookup.get("smtp-host", "TODO_SMTP_HOST"),
                lookup.port("smtp-port", "TODO_SMTP_PORT", 25),
                lookup.get(null, "TODO_MAIL_FROM").orElse("noreply@todo.test"));
    }

    /** The JDBC URL fit for a log line: a password given in the URL itself is replaced by stars. */
    String maskedJdbcUrl() {
        return PASSWORD_IN_URL.matcher(jdbcUrl).replaceAll("$1****");
    }

    @Override
    public String toString() {
        // Records print every component; the password must never reach a log or an exception message.
        return "AppSettings[host=" + host + ", port=" + port + ", unixSocket=" + unixSocket.orElse(null)
                + ", jdbcUrl=" + maskedJdbcUrl() + ", jdbcUser=" + jdbcUser.orElse(null)
                + ", jdbcPassword=" + jdbcPassword.map(p -> "****").orElse(null) + ", version=" + version
                + ", smtpHost=" + smtpHost.orElse(null) + ", smtpPort=" + smtpPort + ", mailFrom=" + mailFrom + "]";
    }

    private record Lookup(Map<String, String> options, Map<String, String> env) {

        /** Empty values count as unset, so that `TODO_PORT= java ...` behaves like no variable at all. */
        Optional<String> get(String option, String variable) {
            return Optional.ofNullable(option == null ? null : options.get(option))
                    .or(() -> Optional.ofNullable(env.get(variable)))
                    .filter(value -> !value.isBlank());
        }

        int port(String option, String variable, int fallback) {
            String source = options.containsKey(option) ? "--" + option : variable;
            return get(option, variable)
                    .map(value -> {
                        try {
                            int port = Integer.parseInt(value.strip());
                            if (port >= 0 && port <= 65535) {
                                return port;
                            }
                        } catch (NumberFormatException e) {
                            // reported below together with the range
                        }
                        throw new IllegalArgumentException(source
                                + " must be a port number from 0 to 65535 (0 = any free port) but was: " + value);
                    })
                    .orElse(fallback);
        }
    }
}
