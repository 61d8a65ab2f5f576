package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.BrowserSettings.ConfiguredPath;
import io.github.stagingtarget.secrets.SecretMask;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The validated {@code http} block of one target: how every HTTP client of the run (REST Assured, the
 * readiness probe, the version gate, the doctor and the browser) reaches it. Files are checked to exist when
 * the configuration is read and parsed when a client is built; secrets come only from environment variables,
 * which are read with the configuration so that a missing one fails before anything starts. See
 * {@code docs/configuration.md}.
 *
 * @param target the target's name
 * @param key the block's full key, {@code staging-target.targets.NAME.http}, for messages
 * @param headers extra request headers, sent only to the target's own origins
 */
@API(status = INTERNAL, since = "0.1")
public record HttpSettings(
        String target,
        String key,
        Tls tls,
        Optional<BasicAuth> basicAuth,
        Map<String, Secret> headers,
        Optional<Proxy> proxy) {

    public HttpSettings {
        headers = Map.copyOf(headers);
    }

    /** No TLS additions, no gate, no proxy: what a target without an {@code http} block gets. */
    public static HttpSettings none(String target) {
        return new HttpSettings(
                target,
                ConfigLoader.ROOT + ".targets." + target + ".http",
                new Tls(List.of(), Optional.empty(), Optional.empty(), false, "default"),
                Optional.empty(),
                Map.of(),
                Optional.empty());
    }

    /** The full key of a setting in this block, e.g. {@code key("tls.trust")}. */
    public String key(String relativeKey) {
        return key + "." + relativeKey;
    }

    /**
     * TLS additions.
     *
     * @param trust PEM files of CA (or self-signed server) certificates, trusted in addition to the JDK's
     * @param trustStore a key store (PKCS#12 or JKS) of certificates trusted in addition to the JDK's
     * @param clientCertificate a PKCS#12 file with the client's key and certificate chain, for mutual TLS
     * @param insecure whether certificate chains are not checked at all (host names still are)
     * @param insecureOrigin where {@code insecure} was set, for the warnings
     */
    @API(status = INTERNAL, since = "0.1")
    public record Tls(
            List<ConfiguredPath> trust,
            Optional<KeyFile> trustStore,
            Optional<KeyFile> clientCertificate,
            boolean insecure,
            String insecureOrigin) {

        public Tls {
            trust = List.copyOf(trust);
        }

        /** Whether anything differs from the JDK's own TLS setup. */
        public boolean isCustomized() {
            return !trust.isEmpty() || trustStore.isPresent() || clientCertificate.isPresent() || insecure;
        }
    }

    /** A key store file and its password, if one is configured ({@code …-password-env}). */
    @API(status = INTERNAL, since = "0.1")
    public record KeyFile(ConfiguredPath file, Optional<Secret> password) {}

    /** HTTP basic authentication for a gate in front of the whole site (nginx {@code auth_basic}). */
    @API(status = INTERNAL, since = "0.1")
    public record BasicAuth(String user, Secret password) {}

    /**
     * A forward proxy (HTTP, tunnelling HTTPS with CONNECT).
     *
     * @param noProxy hosts reached directly: {@code host}, {@code .example.com} / {@code *.example.com} for a
     *     domain and its sub-domains, or an IP address
     * @param user proxy user; with {@code password}, answered to a {@code 407} with Basic
     */
    @API(status = INTERNAL, since = "0.1")
    public record Proxy(URI url, List<String> noProxy, Optional<String> user, Optional<Secret> password) {

        public Proxy {
            noProxy = List.copyOf(noProxy);
        }

        /** Whether requests to {@code host} bypass the proxy. */
        public boolean bypasses(String host) {
            if (host == null) {
                return false;
            }
            String name = stripBrackets(host).toLowerCase(java.util.Locale.ROOT);
            for (String entry : noProxy) {
                String pattern = stripBrackets(entry.trim()).toLowerCase(java.util.Locale.ROOT);
                if (pattern.equals("*")) {
                    return true;
                }
                if (pattern.startsWith("*.")) {
                    pattern = pattern.substring(1);
                }
                if (pattern.startsWith(".")) {
                    if (name.endsWith(pattern) || name.equals(pattern.substring(1))) {
                        return true;
                    }
                } else if (name.equals(pattern)) {
                    return true;
                }
            }
            return false;
        }

        private static String stripBrackets(String host) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }
    }

    /**
     * A value that must never be shown: a password, a token. Its {@code toString} is the mask, so that a record
     * holding it can be printed safely.
     *
     * @param source where it came from, for messages: {@code env STAGING_TOKEN} or a configuration key
     */
    @API(status = INTERNAL, since = "0.1")
    public record Secret(String value, String source) {

        @Override
        public String toString() {
            return SecretMask.MASK + " (" + source + ")";
        }
    }
}
