package io.github.stagingtarget.http.client;

import java.net.IDN;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The host name check of RFC 6125 (subject alternative names; a wildcard only as the whole left-most label;
 * the common name only when there are no DNS names), for {@code tls.insecure}, which skips chain checks but
 * not this one. With chain checks on, the JDK's own check runs.
 */
final class HostNames {

    private HostNames() {}

    static void check(X509Certificate certificate, Optional<String> peerHost) throws CertificateException {
        if (peerHost.isEmpty()) {
            throw new CertificateException("the host name cannot be checked: the connection does not say it");
        }
        String host = peerHost.get().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<String> names = names(certificate);
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        for (String name : names) {
            if (ip ? name.equals(host) : matches(name, IDN.toASCII(host))) {
                return;
            }
        }
        throw new CertificateException("No subject alternative name matching " + host + " found (the certificate "
                + "names " + (names.isEmpty() ? "no host" : String.join(", ", names)) + ")");
    }

    static List<String> names(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        boolean hasDns = false;
        if (alternatives != null) {
            for (List<?> alternative : alternatives) {
                int type = (Integer) alternative.get(0);
                if (type == 2 || type == 7) {
                    names.add(String.valueOf(alternative.get(1)).toLowerCase(Locale.ROOT));
                    hasDns |= type == 2;
                }
            }
        }
        if (!hasDns) {
            commonName(certificate.getSubjectX500Principal()).ifPresent(names::add);
        }
        return names;
    }

    private static Optional<String> commonName(X500Principal subject) {
        for (String part : subject.getName(X500Principal.RFC2253).split(",")) {
            if (part.startsWith("CN=")) {
                return Optional.of(part.substring(3).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }
}
