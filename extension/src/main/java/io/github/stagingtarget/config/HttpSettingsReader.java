package io.github.stagingtarget.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueType;
import io.github.stagingtarget.config.BrowserSettings.ConfiguredPath;
import io.github.stagingtarget.config.HttpSettings.BasicAuth;
import io.github.stagingtarget.config.HttpSettings.KeyFile;
import io.github.stagingtarget.config.HttpSettings.Proxy;
import io.github.stagingtarget.config.HttpSettings.Secret;
import io.github.stagingtarget.config.HttpSettings.Tls;
import io.github.stagingtarget.secrets.SecretMask;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and validates a target's {@code http} block. Secrets are refused in the file and read from the
 * environment variables that {@code …-env} keys name, here, so that an unset one fails before anything starts.
 */
final class HttpSettingsReader {

    static final String BLOCK = "http";

    /** RFC 9110 token characters: what a header name may consist of. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final List<String> INLINE_SECRETS =
            List.of("tls.trust-store-password", "tls.client-certificate-password", "basic.password", "proxy.password");

    private HttpSettingsReader() {}

    static HttpSettings read(ConfigReader target, String name) {
        if (!target.has(BLOCK) || !(target.value(BLOCK) instanceof ConfigObject)) {
            throw target.problem(BLOCK, "an object such as http { tls { trust = [\"certs/staging-ca.pem\"] } }");
        }
        ConfigReader http = target.child(BLOCK);
        requireBlock(http, "tls", "tls { trust = [\"certs/staging-ca.pem\"] }");
        requireBlock(http, "basic", "basic { user = staging, password-env = STAGING_HTTP_PASSWORD }");
        requireBlock(http, "proxy", "proxy { url = \"http://proxy.example.com:3128\" }");
        for (String secret : INLINE_SECRETS) {
            if (http.has(secret)) {
                // Never echo the value: it is a secret that should not be in a file at all.
                throw new TargetConfigException(http.origin(secret) + ": " + http.key(secret)
                        + " is not read, so that no secret sits in a configuration file: put it in an environment "
                        + "variable and name that variable in " + http.key(secret + "-env"));
            }
        }
        return new HttpSettings(name, target.key(BLOCK), tls(http), basicAuth(http), headers(http), proxy(http));
    }

    private static void requireBlock(ConfigReader http, String key, String example) {
        if (!http.has(key) || !(http.value(key) instanceof ConfigObject)) {
            throw http.problem(key, "an object such as " + example);
        }
    }

    private static Tls tls(ConfigReader http) {
        ConfigReader tls = http.child("tls");
        List<ConfiguredPath> trust = new ArrayList<>();
        String pemExpected = "a list of PEM files of CA certificates such as [\"certs/staging-ca.pem\"]";
        if (tls.has("trust") && tls.value("trust").valueType() == ConfigValueType.STRING) {
            trust.add(existingFile(tls, "trust", pemExpected));
        } else {
            List<String> files = tls.stringList("trust");
            for (int i = 0; i < files.size(); i++) {
                Path file = resolve(tls, "trust", files.get(i), pemExpected);
                trust.add(existing(tls, "trust", file, pemExpected));
            }
        }
        Optional<KeyFile> trustStore = keyFile(tls, "trust-store", "a key store file (PKCS#12 or JKS)");
        Optional<KeyFile> clientCertificate = keyFile(
                tls, "client-certificate", "a PKCS#12 file (.p12) with the client's private key and certificate");
        boolean insecure = tls.bool("insecure");
        return new Tls(trust, trustStore, clientCertificate, insecure, tls.briefOrigin("insecure"));
    }

    private static Optional<KeyFile> keyFile(ConfigReader tls, String key, String expected) {
        String passwordKey = key + "-password-env";
        if (!tls.has(key)) {
            if (tls.has(passwordKey)) {
                throw new TargetConfigException(tls.origin(passwordKey) + ": " + tls.key(passwordKey) + " is set, but "
                        + tls.key(key) + " is not: expected " + expected);
            }
            return Optional.empty();
        }
        ConfiguredPath file = existingFile(tls, key, expected);
        return Optional.of(new KeyFile(file, optionalSecret(tls, passwordKey)));
    }

    private static Optional<BasicAuth> basicAuth(ConfigReader http) {
        ConfigReader auth = http.child("basic");
        boolean hasUser = auth.has("user");
        boolean hasPassword = auth.has("password-env");
        if (!hasUser && !hasPassword) {
            return Optional.empty();
        }
        if (!hasUser) {
            throw new TargetConfigException(auth.origin("password-env") + ": " + auth.key("password-env")
                    + " is set, but " + auth.key("user") + " is not: expected the user name of the gate");
        }
        if (!hasPassword) {
            throw new TargetConfigException(auth.origin("user") + ": " + auth.key("user") + " is set, but "
                    + auth.key("password-env") + " is not: expected the name of an environment variable holding "
                    + "the password, such as STAGING_HTTP_PASSWORD");
        }
        String user = auth.string("user", "a user name");
        if (user.isEmpty() || user.contains(":")) {
            throw auth.problem("user", "a user name without ':' (Basic authentication cannot carry one)");
        }
        return Optional.of(new BasicAuth(user, secret(auth, "password-env")));
    }

    private static Map<String, Secret> headers(ConfigReader http) {
        String expected = "an object of header names and values such as { X-Staging-Token = ${?STAGING_TOKEN} }";
        Map<String, Secret> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header :
                http.stringMap("headers", expected).entrySet()) {
            String key = "headers." + ConfigUtil.joinPath(header.getKey());
            if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                throw http.problem(
                        key,
                        "a header name of letters, digits and - (such as X-Staging-Token), not '" + header.getKey()
                                + "'");
            }
            if (header.getKey().equalsIgnoreCase("Host") || header.getKey().equalsIgnoreCase("Proxy-Authorization")) {
                throw http.problem(key, "a header other than Host and Proxy-Authorization (set by StagingTarget)");
            }
            if (header.getValue().contains("\r") || header.getValue().contains("\n")) {
                throw http.problem(key, "a value on one line");
            }
            List<String> variables = http.context().substitutions().environmentVariables(http.key(key));
            boolean fromEnvironment = !variables.isEmpty()
                    || http.value(key).origin().description().equals(Origins.ENVIRONMENT);
            if (SecretMask.isSecretName(header.getKey()) && !fromEnvironment) {
                // The value is not shown: the header's name says it is a secret.
                throw new TargetConfigException(http.origin(key) + ": " + http.key(key)
                        + " holds a secret written into the file: expected it from an environment variable, such as "
                        + ConfigUtil.joinPath(header.getKey()) + " = ${?STAGING_TOKEN}");
            }
            String source = variables.isEmpty()
                    ? (fromEnvironment ? "an environment variable" : http.key(key))
                    : "env " + String.join(", ", variables);
            if (fromEnvironment) {
                // A value from the environment is a gate token: masked wherever it shows up, as a password is.
                http.context().mask().add(header.getValue());
            }
            headers.put(header.getKey(), new Secret(header.getValue(), source));
        }
        return headers;
    }

    private static Optional<Proxy> proxy(ConfigReader http) {
        ConfigReader proxy = http.child("proxy");
        String expected = "the URL of an HTTP proxy such as http://proxy.example.com:3128";
        Optional<String> raw =
                proxy.optionalString("url", expected).map(String::trim).filter(url -> !url.isEmpty());
        if (raw.isEmpty()) {
            for (String other : List.of("user", "password-env")) {
                if (proxy.has(other)) {
                    throw new TargetConfigException(proxy.origin(other) + ": " + proxy.key(other) + " is set, but "
                            + proxy.key("url") + " is not: expected " + expected);
                }
            }
            return Optional.empty();
        }
        URI url = proxy.httpUrl("url", raw.get(), expected);
        if (url.getRawUserInfo() != null) {
            throw new TargetConfigException(proxy.origin("url") + ": " + proxy.key("url")
                    + " carries credentials: expected " + expected + " without them; set " + proxy.key("user")
                    + " and name the environment variable holding the password in " + proxy.key("password-env"));
        }
        if (!"http".equalsIgnoreCase(url.getScheme())
                || url.getPort() < 1
                || !(url.getRawPath() == null
                        || url.getRawPath().isEmpty()
                        || url.getRawPath().equals("/"))) {
            throw proxy.problem("url", expected + " (http, with a port, without a path)");
        }
        Optional<String> user = proxy.optionalString("user", "a user name");
        Optional<Secret> password = optionalSecret(proxy, "password-env");
        if (user.isPresent() != password.isPresent()) {
            String set = user.isPresent() ? "user" : "password-env";
            String missing = user.isPresent() ? "password-env" : "user";
            throw new TargetConfigException(proxy.origin(set) + ": " + proxy.key(set) + " is set, but "
                    + proxy.key(missing) + " is not: proxy credentials need both");
        }
        return Optional.of(new Proxy(url, proxy.stringList("no-proxy"), user, password));
    }

    private static Optional<Secret> optionalSecret(ConfigReader reader, String envKey) {
        return reader.has(envKey) ? Optional.of(secret(reader, envKey)) : Optional.empty();
    }

    /** The value of the environment variable that {@code envKey} names; it must be set. */
    private static Secret secret(ConfigReader reader, String envKey) {
        String variable =
                reader.string(envKey, "the name of an environment variable").trim();
        if (variable.isEmpty() || variable.contains("=") || variable.contains("$")) {
            throw reader.problem(envKey, "the name of an environment variable, such as STAGING_HTTP_PASSWORD");
        }
        String value = reader.context().substitutions().valueOf(variable);
        if (value == null || value.isEmpty()) {
            throw new TargetConfigException(
                    reader.origin(envKey) + ": " + reader.key(envKey) + " names the environment "
                            + "variable " + variable + ", which is not set: expected it to hold the secret (export "
                            + variable + "=… before running the tests)");
        }
        // Remembered, so that the value is masked wherever it shows up (a server's error page, a log line).
        reader.context().mask().add(value);
        return new Secret(value, "env " + variable);
    }

    private static ConfiguredPath existingFile(ConfigReader reader, String key, String expected) {
        return existing(reader, key, reader.path(key, expected), expected);
    }

    private static Path resolve(ConfigReader reader, String key, String value, String expected) {
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            throw reader.problem(key, expected);
        }
        if (trimmed.equals("~") || trimmed.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + trimmed.substring(1));
        }
        try {
            return reader.context().projectDirectory().resolve(trimmed).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw reader.problem(key, expected, e);
        }
    }

    private static ConfiguredPath existing(ConfigReader reader, String key, Path file, String expected) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new TargetConfigException(reader.origin(key) + ": " + reader.key(key) + ": expected " + expected
                    + ", but " + file + " is not a readable file (relative paths are resolved against the project "
                    + "directory " + reader.context().projectDirectory() + ")");
        }
        return new ConfiguredPath(file, reader.key(key), reader.origin(key));
    }
}
