package io.github.stagingtarget.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.github.stagingtarget.config.ServerSettings.ConsoleType;
import io.github.stagingtarget.console.shell.ExecSettings;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.console.ssh.SshSettings;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.fixtures.Templates;
import io.github.stagingtarget.login.SessionSettings;
import io.github.stagingtarget.report.LogSettings;
import io.github.stagingtarget.report.LogSource;
import io.github.stagingtarget.runlock.RunLockSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a target's console, ssh, fixtures, session and logs keys into a {@link ServerSettings}. */
final class ServerSettingsReader {

    private ServerSettingsReader() {}

    static ServerSettings read(ConfigReader target, String name, boolean local) {
        for (String secret : List.of("ssh.password", "ssh.passphrase")) {
            if (target.has(secret)) {
                // Never echo the value: it is a secret that should not be in a file at all.
                throw new TargetConfigException(target.origin(secret) + ": " + target.key(secret)
                        + " is not read, so that no secret sits in a configuration file: put it in an environment "
                        + "variable and name that variable in " + target.key(secret + "-env"));
            }
        }
        boolean hasSsh = target.has("ssh.host");
        ConsoleType type = consoleType(target, hasSsh);
        Optional<SshSettings> ssh = type == ConsoleType.SSH ? Optional.of(ssh(target, name)) : Optional.empty();
        ConfigReader console = target.child("console");
        Optional<Path> workingDirectory = console.optionalPath("working-directory", "a directory path");
        Map<String, String> environment =
                console.stringMap("env", "an object of environment variables such as { APP_ENV = test }");
        Optional<ExecSettings> exec = type == ConsoleType.EXEC
                ? Optional.of(exec(console, name, workingDirectory, environment))
                : Optional.empty();
        return new ServerSettings(
                name,
                type,
                workingDirectory,
                environment,
                timeout(console, "command-timeout"),
                ssh,
                exec,
                fixtures(target),
                new SessionSettings(
                        template(target, "session.command", SessionSettings.EMAIL_PLACEHOLDER, "app create-session"),
                        target.string("session.cookie-name", "a cookie name"),
                        target.key("session")),
                logs(target),
                runLock(target, type));
    }

    private static final String LOG_EXPECTED = "a list of log file paths and log commands, such as "
            + "[\"/var/log/app.log\", { command = \"journalctl -u app --since=@{since-epoch}\", name = journal }]";

    /** {@code logs}: plain strings are files; a block holds a {@code path} or a {@code command}, and a name. */
    private static LogSettings logs(ConfigReader target) {
        int maxLines = target.number("log-lines", 1, 100_000);
        long maxBytes = target.bytes("evidence.server-log-bytes", 1024, 64L * 1024 * 1024);
        if (!target.has("logs") || !(target.value("logs") instanceof ConfigList list)) {
            throw target.problem("logs", LOG_EXPECTED);
        }
        List<LogSource> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue element = list.get(i);
            String key = "logs[" + i + "]";
            LogSource source;
            if (element instanceof ConfigObject object) {
                source = logBlock(
                        new ConfigReader(object.toConfig(), target.key(key), target.context()), target.key(key), i);
            } else if (element.valueType() == ConfigValueType.STRING || element.valueType() == ConfigValueType.NUMBER) {
                String path = String.valueOf(element.unwrapped()).trim();
                if (path.isEmpty()) {
                    throw target.problem("logs", LOG_EXPECTED + "; " + target.key(key) + " is empty");
                }
                source = LogSource.ofFile(path);
            } else {
                throw target.problem("logs", LOG_EXPECTED);
            }
            if (!names.add(source.name())) {
                throw new TargetConfigException(target.origin("logs") + ": " + target.key(key) + " is published as "
                        + source.evidenceFileName() + ", like an earlier entry of " + target.key("logs")
                        + ": expected each log once, and a different name for each command");
            }
            sources.add(source);
        }
        return new LogSettings(sources, maxLines, maxBytes);
    }

    private static LogSource logBlock(ConfigReader entry, String key, int index) {
        boolean hasPath = entry.has("path");
        boolean hasCommand = entry.has("command");
        if (hasPath == hasCommand) {
            throw new TargetConfigException(entry.origin("command") + ": " + key + " has "
                    + (hasPath ? "both path and command" : "neither path nor command")
                    + ": expected { path = \"/var/log/app.log\" } or { command = \"journalctl -u app "
                    + "--since=@{since-epoch}\", name = journal }");
        }
        if (hasPath) {
            LogSource file = LogSource.ofFile(entry.string("path", "a log file path"));
            return entry.has("name") ? new LogSource(name(entry), file.file(), Optional.empty()) : file;
        }
        String command = entry.string("command", "a shell command printing log lines");
        for (String placeholder : List.of(LogSource.SINCE_EPOCH, LogSource.SINCE)) {
            Optional<String> quotes = Templates.quotedPlaceholder(command, placeholder);
            if (quotes.isPresent()) {
                throw entry.problem(
                        "command",
                        "a command with " + placeholder + " outside quotes, e.g. \"docker logs --since "
                                + placeholder + " app\": the value is put in as one single-quoted word, and inside "
                                + quotes.get() + " those quotes would become part of it");
            }
        }
        return LogSource.ofCommand(entry.has("name") ? name(entry) : "command-" + (index + 1), command);
    }

    private static String name(ConfigReader entry) {
        String name = entry.string("name", "a name of letters, digits, '.', '-' or '_'");
        if (!name.matches("[A-Za-z0-9._-]{1,80}")) {
            throw entry.problem("name", "a name of 1 to 80 letters, digits, '.', '-' or '_' (it becomes a file name)");
        }
        return name;
    }

    private static RunLockSettings runLock(ConfigReader target, ConsoleType type) {
        ConfigReader lock = target.child("run-lock");
        String expected = "off, fixtures or always";
        RunLockSettings.Mode mode;
        try {
            mode = RunLockSettings.Mode.valueOf(
                    lock.string("mode", expected).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw lock.problem("mode", expected, e);
        }
        Duration wait = lock.duration("wait");
        // A local target's lock belongs to its checkout (its launched app, its database); a server's lock to the
        // account the console logs in as: the shell starts in its home directory.
        String directory = lock.optionalString("directory", "a directory on the server")
                .map(String::trim)
                .orElseGet(() -> type == ConsoleType.LOCAL
                        ? lock.context()
                                .projectDirectory()
                                .resolve("target/staging-target")
                                .toString()
                        : ".");
        if (directory.isEmpty()) {
            throw lock.problem("directory", "a directory on the server, such as /var/lock/staging-tests");
        }
        return new RunLockSettings(mode, wait, directory, target.key("run-lock"), lock.briefOrigin("mode"));
    }

    private static ConsoleType consoleType(ConfigReader target, boolean hasSsh) {
        String expected = "local, ssh or exec";
        Optional<String> configured = target.optionalString("console.type", expected);
        boolean hasCommand = target.has("console.command");
        if (configured.isEmpty()) {
            if (hasSsh && hasCommand) {
                throw new TargetConfigException(target.origin("console.command") + ": both "
                        + target.key("console.command") + " and " + target.key("ssh.host") + " ("
                        + target.origin("ssh.host")
                        + ") are set: expected " + target.key("console.type")
                        + " = exec or ssh to say which one reaches the server");
            }
            return hasSsh ? ConsoleType.SSH : hasCommand ? ConsoleType.EXEC : ConsoleType.LOCAL;
        }
        ConsoleType type;
        try {
            type = ConsoleType.valueOf(configured.get().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw target.problem("console.type", expected, e);
        }
        if (type == ConsoleType.SSH && !hasSsh) {
            throw new TargetConfigException(target.origin("console.type") + ": " + target.key("console.type")
                    + " is ssh, but " + target.key("ssh.host") + " is not set: expected the server's host name");
        }
        if (type != ConsoleType.EXEC && hasCommand) {
            throw new TargetConfigException(target.origin("console.command") + ": " + target.key("console.command")
                    + " is set, but " + target.key("console.type") + " is "
                    + configured.get().trim() + " ("
                    + target.briefOrigin("console.type") + "): expected console.type = exec, or no console.command");
        }
        if (type == ConsoleType.EXEC && !hasCommand) {
            throw new TargetConfigException(target.origin("console.type") + ": " + target.key("console.type")
                    + " is exec, but " + target.key("console.command") + " is not set: expected the command that "
                    + "opens a shell in the target, e.g. [\"kubectl\", \"exec\", \"-i\", \"deploy/web\", \"--\", "
                    + "\"sh\", \"-s\"]");
        }
        return type;
    }

    /** The exec console's command: a non-empty list of words, run without a shell. */
    private static ExecSettings exec(
            ConfigReader console, String name, Optional<Path> workingDirectory, Map<String, String> environment) {
        String expected = "a list of the command and its arguments, e.g. [\"kubectl\", \"exec\", \"-i\", \"-n\", "
                + "\"staging\", \"deploy/web\", \"--\", \"sh\", \"-s\"]";
        List<String> command;
        try {
            command = console.stringList("command");
        } catch (TargetConfigException e) {
            throw console.problem("command", expected, e);
        }
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw console.problem("command", expected);
        }
        return new ExecSettings(
                name, command, console.key("command"), console.briefOrigin("command"), workingDirectory, environment);
    }

    private static SshSettings ssh(ConfigReader target, String name) {
        ConfigReader ssh = target.child("ssh");
        Optional<Path> identity = ssh.optionalPath("identity", "a private key file such as ~/.ssh/id_ed25519");
        Optional<String> passwordEnv = ssh.optionalString("password-env", "an environment variable name");
        if (identity.isEmpty() && passwordEnv.isEmpty()) {
            throw new TargetConfigException(ssh.origin("host") + ": " + ssh.key("host") + " is set, but neither "
                    + ssh.key("identity") + " (a private key file, recommended) nor " + ssh.key("password-env")
                    + " (the name of an environment variable holding the password) is: expected one of them");
        }
        String policy = ssh.string("host-key-policy", "strict or accept-new");
        HostKeyPolicy hostKeyPolicy = switch (policy.trim()) {
            case "strict" -> HostKeyPolicy.STRICT;
            case "accept-new" -> HostKeyPolicy.ACCEPT_NEW;
            default -> throw ssh.problem("host-key-policy", "strict or accept-new (there is no way to accept any key)");
        };
        int maxSessions = ssh.number("max-sessions", 1, 100);
        String user = ssh.optionalString("user", "a user name").orElse(System.getProperty("user.name"));
        return new SshSettings(
                name,
                ssh.string("host", "a host name"),
                ssh.port("port"),
                user,
                identity,
                ssh.optionalString("passphrase-env", "an environment variable name"),
                passwordEnv,
                ssh.path("known-hosts", "a known_hosts file"),
                hostKeyPolicy,
                ssh.duration("connect-timeout"),
                ssh.duration("read-timeout"),
                ssh.duration("keepalive"),
                maxSessions,
                ssh.origin("host"));
    }

    private static FixtureSettings fixtures(ConfigReader target) {
        ConfigReader fixtures = target.child("fixtures");
        Optional<String> seed = template(fixtures, "seed", FixtureSettings.FILE_PLACEHOLDER, "app db seed");
        if (seed.isPresent() && !seed.get().contains(FixtureSettings.FILE_PLACEHOLDER)) {
            throw fixtures.problem("seed", "a command with {file}, e.g. \"app db seed {file}\"");
        }
        // `defaults.fixtures.allowed` was refused when the configuration was loaded, so this is the target's own
        // block (or a -D on it); unset means refused. The origin goes into the guard's messages.
        boolean allowed = fixtures.has("allowed") && fixtures.bool("allowed");
        return new FixtureSettings(
                allowed,
                fixtures.optionalString("reset", "a command"),
                seed,
                timeout(fixtures, "timeout"),
                target.key("fixtures"),
                fixtures.has("allowed") ? fixtures.briefOrigin("allowed") : "not set for this target");
    }

    /** A command timeout: at least a second, since the server's {@code timeout} takes 0 as none. */
    private static Duration timeout(ConfigReader reader, String key) {
        Duration timeout = reader.duration(key);
        if (timeout.compareTo(ShellConsole.MIN_TIMEOUT) < 0) {
            throw reader.problem(
                    key,
                    "a duration of at least 1s, such as 30s or 5m (a shorter one stops commands "
                            + "before they start)");
        }
        return timeout;
    }

    /** A command template whose placeholder StagingTarget fills with a quoted word, so it must stand unquoted. */
    private static Optional<String> template(ConfigReader reader, String key, String placeholder, String example) {
        Optional<String> template = reader.optionalString(key, "a command with " + placeholder);
        Optional<String> quotes = template.flatMap(t -> Templates.quotedPlaceholder(t, placeholder));
        if (quotes.isPresent()) {
            throw reader.problem(
                    key,
                    "a command with " + placeholder + " outside quotes, e.g. \"" + example + " "
                            + placeholder + "\": the value is put in as one single-quoted word, and inside "
                            + quotes.get() + " those quotes would become part of it");
        }
        return template;
    }
}
