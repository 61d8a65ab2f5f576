package io.github.stagingtarget.http.client;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/** A refused server certificate, with the facts a message needs (who it is for, who signed it, until when). */
final class ServerCertificateException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String issuer;
    private final java.util.Date notAfter;
    private final String names;

    ServerCertificateException(X509Certificate certificate, CertificateException cause) {
        super(cause.getMessage(), cause);
        this.subject = certificate.getSubjectX500Principal().getName();
        this.issuer = certificate.getIssuerX500Principal().getName();
        this.notAfter = certificate.getNotAfter();
        String found;
        try {
            found = String.join(", ", HostNames.names(certificate));
        } catch (java.security.cert.CertificateParsingException e) {
            found = subject;
        }
        this.names = found;
    }

    String subject() {
        return subject;
    }

    String issuer() {
        return issuer;
    }

    java.util.Date notAfter() {
        return notAfter;
    }

    /** The host names and addresses the certificate is for. */
    String names() {
        return names;
    }
}
