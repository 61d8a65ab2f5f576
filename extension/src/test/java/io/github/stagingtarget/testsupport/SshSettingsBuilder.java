package io.github.stagingtarget.testsupport;

import io.github.stagingtarget.console.ssh.SshSettings;
import io.github.stagingtarget.console.ssh.SshSettings.HostKeyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link SshSettings} for tests, with defaults for everything a test does not care about: target
 * {@code staging} on {@code 127.0.0.1} as {@link EmbeddedSshServer#USER}, strict host keys, 5 s to
 * connect, 30 s read timeout, 15 s keepalive, 4 sessions, origin {@code test.conf: 1}.
 *
 * <pre>{@code
 * SshSettings settings = SshSettingsBuilder.ssh(server.port()).identity(key).knownHosts(knownHosts).build();
 * }</pre>
 */
public final class SshSettingsBuilder {

    private String target = "staging";
    private String host = "127.0.0.1";
    private int port;
    private String user = EmbeddedSshServer.USER;
    private Optional<Path> identity = Optional.empty();
    private Optional<String> passphraseEnv = Optional.empty();
    private Optional<String> passwordEnv = Optional.empty();
    private Path knownHosts = Path.of("/nonexistent/known_hosts");
    private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.STRICT;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration keepalive = Duration.ofSeconds(15);
    private int maxSessions = 4;
    private String origin = "test.conf: 1";

    private SshSettingsBuilder() {}

    /** Settings for a server on {@code 127.0.0.1:port}. */
    public static SshSettingsBuilder ssh(int port) {
        return new SshSettingsBuilder().port(port);
    }

    /** A copy of {@code settings}, to change some of them. */
    public static SshSettingsBuilder from(SshSettings settings) {
        SshSettingsBuilder builder = new SshSettingsBuilder();
        builder.target = settings.target();
        builder.host = settings.host();
        builder.port = settings.port();
        builder.user = settings.user();
        builder.identity = settings.identity();
        builder.passphraseEnv = settings.passphraseEnv();
        builder.passwordEnv = settings.passwordEnv();
        builder.knownHosts = settings.knownHosts();
        builder.hostKeyPolicy = settings.hostKeyPolicy();
        builder.connectTimeout = settings.connectTimeout();
        builder.readTimeout = settings.readTimeout();
        builder.keepalive = settings.keepalive();
        builder.maxSessions = settings.maxSessions();
        builder.origin = settings.origin();
        return builder;
    }

    public SshSettingsBuilder target(String target) {
        this.target = target;
        return this;
    }

    public SshSettingsBuilder host(String host) {
        this.host = host;
        return this;
    }

    public SshSettingsBuilder port(int port) {
        this.port = port;
        return this;
    }

    public SshSettingsBuilder user(String user) {
        this.user = user;
        return this;
    }

    public SshSettingsBuilder identity(Path identity) {
        return identity(Optional.of(identity));
    }

    public SshSettingsBuilder identity(Optional<Path> identity) {
        this.identity = identity;
        return this;
    }

    public SshSettingsBuilder passphraseEnv(Optional<String> passphraseEnv) {
        this.passphraseEnv = passphraseEnv;
        return this;
    }

    public SshSettingsBuilder passwordEnv(Optional<String> passwordEnv) {
        this.passwordEnv = passwordEnv;
        return this;
    }

    public SshSettingsBuilder knownHosts(Path knownHosts) {
        this.knownHosts = knownHosts;
        return this;
    }

    public SshSettingsBuilder hostKeyPolicy(HostKeyPolicy hostKeyPolicy) {
        this.hostKeyPolicy = hostKeyPolicy;
        return this;
    }

    public SshSettingsBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
        return this;
    }

    public SshSettingsBuilder readTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
        return this;
    }

    public SshSettingsBuilder keepalive(Duration keepalive) {
        this.keepalive = keepalive;
        return this;
    }

    public SshSettingsBuilder maxSessions(int maxSessions) {
        this.maxSessions = maxSessions;
        return this;
    }

    public SshSettingsBuilder origin(String origin) {
        this.origin = origin;
        return this;
    }

    public SshSettings build() {
        return new SshSettings(
                target,
                host,
                port,
                user,
                identity,
                passphraseEnv,
                passwordEnv,
                knownHosts,
                hostKeyPolicy,
                connectTimeout,
                readTimeout,
                keepalive,
                maxSessions,
                origin);
    }
}
