package io.github.stagingtarget.http.client;

import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns what a failed request saw into one sentence that names the key to set: an unknown CA, a host name
 * mismatch, an expired certificate, a client certificate asked for or refused, a 401 from a basic gate,
 * a 403 without the token header, a 407 from the proxy. No secret is ever part of it: only key names,
 * variable names and user names.
 */
final class FailureMessages {

    /** The JDK property that keeps Basic out of CONNECT tunnels unless it is set (to an empty value). */
    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    private final HttpSettings settings;
    private final HttpClientSetup setup;

    FailureMessages(HttpSettings settings, HttpClientSetup setup) {
        this.settings = settings;
        this.setup = setup;
    }

    String of(URI url, IOException e) {
        return classified(url, e)
                .orElse(e.getClass().getSimpleName()
                        + Optional.ofNullable(e.getMessage())
                                .map(m -> ": " + SecretMask.redact(m))
                                .orElse(""));
    }

    /** The message for a failure that a setting can fix (TLS, gate, proxy); empty for others (refused, timeout). */
    Optional<String> classified(URI url, IOException e) {
        return Optional.ofNullable(classifiedOrNull(url, e));
    }

    private String classifiedOrNull(URI url, IOException e) {
        String shown = SecretMask.redact(url.toString());
        Optional<ServerCertificateException> certificate = find(e, ServerCertificateException.class);
        if (certificate.isPresent()) {
            ServerCertificateException refused = certificate.get();
            if (find(e, CertificateExpiredException.class).isPresent()) {
                return shown + " presents a certificate that expired on " + date(refused) + " (" + refused.subject()
                        + "): renew it on the server (only for a throwaway environment: " + key("tls.insecure")
                        + " = true stops checking certificate chains)";
            }
            if (find(e, CertificateNotYetValidException.class).isPresent()) {
                return shown + " presents a certificate that is not valid yet (" + refused.subject()
                        + "): check the clocks of the server and of this machine";
            }
            if (find(e, CertPathBuilderException.class).isPresent()) {
                return shown + " presents a certificate signed by an unknown authority (issuer " + refused.issuer()
                        + "); set " + key("tls.trust") + " to the PEM file of that CA (or " + key("tls.trust-store")
                        + "): it is trusted in addition to the JDK's CAs";
            }
            if (isHostMismatch(e)) {
                return shown + " presents a certificate for " + refused.names() + ", not for " + url.getHost()
                        + ": set " + baseUrlKey()
                        + " to a host name the certificate names, or reissue the certificate for " + url.getHost()
                        + " (" + key("tls.insecure") + " does not skip this check)";
            }
            return shown + " presents a certificate that is refused (" + refused.getMessage() + "): check "
                    + key("tls.trust");
        }
        // Without the certificate's details (a client that does not use this setup's trust manager).
        if (find(e, CertificateExpiredException.class).isPresent()) {
            return shown + " presents an expired certificate: renew it on the server (only for a throwaway "
                    + "environment: " + key("tls.insecure") + " = true stops checking certificate chains)";
        }
        if (find(e, CertPathBuilderException.class).isPresent()) {
            return shown + " presents a certificate signed by an unknown authority; set " + key("tls.trust")
                    + " to the PEM file of that CA (or " + key("tls.trust-store")
                    + "): it is trusted in addition to the JDK's CAs";
        }
        if (isHostMismatch(e)) {
            return shown + " presents a certificate that is not for " + url.getHost() + " (" + e.getMessage()
                    + "): set "
                    + baseUrlKey()
                    + " to a host name the certificate names";
        }
        String alert = messages(e).toLowerCase(Locale.ROOT);
        if (find(e, SSLException.class).isPresent()
                && (alert.contains("certificate_required") || alert.contains("bad_certificate"))) {
            return clientCertificateProblem(shown);
        }
        // A CONNECT refused for its credentials: 407, or 401 from proxies that answer so (tinyproxy).
        if (alert.contains("407")
                || alert.contains("proxy authentication required")
                || alert.contains("tunnel failed, got: 401")) {
            return proxyAuthentication(url);
        }
        return null;
    }

    Optional<String> of(URI url, int status, HttpHeaders headers, String body) {
        String shown = SecretMask.redact(url.toString());
        switch (status) {
            case 400 -> {
                // nginx answers a missing or refused client certificate with 400 and says so in the page.
                String page = body.toLowerCase(Locale.ROOT);
                if (page.contains("no required ssl certificate") || page.contains("ssl certificate error")) {
                    return Optional.of(clientCertificateProblem(shown));
                }
                return Optional.empty();
            }
            case 401 -> {
                String challenge = headers.firstValue("WWW-Authenticate").orElse("no WWW-Authenticate header");
                // Some proxies (tinyproxy) answer wrong proxy credentials with 401 instead of 407.
                String proxyHint = setup.proxyFor(url)
                        .filter(proxy -> proxy.user().isPresent())
                        .map(proxy -> ". If the challenge comes from the proxy (tinyproxy answers wrong proxy "
                                + "credentials with 401), check the password in "
                                + proxy.password().orElseThrow().source() + " (named by " + key("proxy.password-env")
                                + ")")
                        .orElse("");
                if (settings.basicAuth().isEmpty()) {
                    return Optional.of(shown + " answered 401 Unauthorized: a gate asks for a user and password ("
                            + SecretMask.redact(challenge) + "); set " + key("basic.user") + " and "
                            + key("basic.password-env") + " (the name of the environment variable holding the "
                            + "password)" + proxyHint);
                }
                HttpSettings.BasicAuth auth = settings.basicAuth().get();
                return Optional.of(shown + " answered 401 Unauthorized to the user '" + auth.user() + "' of "
                        + key("basic.user") + ": check the password in "
                        + auth.password().source() + " (named by "
                        + key("basic.password-env") + ")" + proxyHint);
            }
            case 403 -> {
                if (settings.headers().isEmpty()) {
                    return Optional.of(shown + " answered 403 Forbidden: if a gate in front of the target needs a "
                            + "token header, set " + key("headers") + " { X-Staging-Token = ${?STAGING_TOKEN} } "
                            + "with the header it expects");
                }
                StringBuilder sent = new StringBuilder();
                settings.headers()
                        .forEach((name, value) -> sent.append(sent.length() == 0 ? "" : ", ")
                                .append(name)
                                .append(" (from ")
                                .append(value.source())
                                .append(')'));
                return Optional.of(shown + " answered 403 Forbidden although the headers of " + key("headers")
                        + " were sent: " + sent + "; check their values");
            }
            case 407 -> {
                return Optional.of(proxyAuthentication(url));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private String clientCertificateProblem(String shown) {
        if (settings.tls().clientCertificate().isEmpty()) {
            return shown + " asks for a client certificate (mutual TLS); set " + key("tls.client-certificate")
                    + " to a PKCS#12 file with the client's key and certificate (its password in "
                    + key("tls.client-certificate-password-env") + ")";
        }
        return shown + " refused the client certificate of " + key("tls.client-certificate") + " ("
                + settings.tls().clientCertificate().get().file().path() + "): check that a CA the server trusts "
                + "signed it and that it has not expired";
    }

    private String proxyAuthentication(URI url) {
        Optional<HttpSettings.Proxy> proxy = setup.proxyFor(url);
        String where = proxy.map(p -> "the proxy " + SecretMask.redact(p.url().toString()))
                .orElse("a proxy");
        if (proxy.isEmpty() || proxy.get().user().isEmpty()) {
            return where + " answered 407 Proxy Authentication Required for " + SecretMask.redact(url.toString())
                    + "; set " + key("proxy.user") + " and " + key("proxy.password-env")
                    + " (the name of the environment variable holding the proxy password)";
        }
        return where + " answered 407 Proxy Authentication Required to the user '"
                + proxy.get().user().get() + "' of "
                + key("proxy.user") + ": check the password in "
                + proxy.get().password().map(HttpSettings.Secret::source).orElse("?") + " (named by "
                + key("proxy.password-env") + ")";
    }

    static boolean tunnelBasicDisabled() {
        String disabled = System.getProperty(TUNNELING_DISABLED_SCHEMES);
        return disabled == null || disabled.toLowerCase(Locale.ROOT).contains("basic");
    }

    private static boolean isHostMismatch(Throwable e) {
        String all = messages(e);
        return all.contains("No subject alternative") || all.contains("No name matching");
    }

    private static String date(ServerCertificateException certificate) {
        return certificate
                .notAfter()
                .toInstant()
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
    }

    private String baseUrlKey() {
        return settings.key().substring(0, settings.key().length() - ".http".length()) + ".base-url";
    }

    private String key(String relative) {
        return settings.key(relative);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
