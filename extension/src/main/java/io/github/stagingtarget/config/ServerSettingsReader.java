package io.github.stagingtarget.config;

import io.github.stagingtarget.config.ServerSettings.ConsoleType;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.console.ssh.SshSettings;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import io.github.stagingtarget.fixtures.FixtureSettings;
import io.github.stagingtarget.fixtures.Templates;
import io.github.stagingtarget.login.SessionSettings;
import io.github.stagingtarget.runlock.RunLockSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
        int logLines = target.number("log-lines", 1, 100_000);
        return new ServerSettings(
                name,
                type,
                console.optionalPath("working-directory", "a directory path"),
                console.stringMap("env", "an object of environment variables such as { APP_ENV = test }"),
                timeout(console, "command-timeout"),
                ssh,
                fixtures(target),
                new SessionSettings(
                        template(target, "session.command", SessionSettings.EMAIL_PLACEHOLDER, "app create-session"),
                        target.string("session.cookie-name", "a cookie name"),
                        target.key("session")),
                target.stringList("logs"),
                logLines,
                runLock(target, type));
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
        String expected = "local or ssh";
        Optional<String> configured = target.optionalString("console.type", expected);
        if (configured.isEmpty()) {
            return hasSsh ? ConsoleType.SSH : ConsoleType.LOCAL;
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
        return type;
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
