package io.github.stagingtarget.http.client;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.BrowserSettings.ConfiguredPath;
import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.config.TargetConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.apiguardian.api.API;

/**
 * Reads a target's configured CA certificates ({@code http.tls.trust} PEM files, {@code http.tls.trust-store})
 * and key stores, with one error per unreadable file naming its key and origin: the HTTP client and the
 * browser trust the same CAs, read the same way.
 */
@API(status = INTERNAL, since = "0.1")
public final class TrustMaterial {

    private TrustMaterial() {}

    /**
     * The configured CA certificates: those of the PEM files in order, then those of the trust store.
     *
     * @throws TargetConfigException naming the key of the file that cannot be read
     */
    public static List<X509Certificate> configuredCertificates(HttpSettings.Tls tls) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (ConfiguredPath pem : tls.trust()) {
            certificates.addAll(pemCertificates(pem));
        }
        if (tls.trustStore().isPresent()) {
            KeyStore store = load(tls.trustStore().get(), "trust store");
            try {
                for (String alias : Collections.list(store.aliases())) {
                    if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                        certificates.add(certificate);
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The JDK cannot list a loaded key store: " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    /** A PKIX trust manager trusting the JDK's CAs plus {@code extra} (never instead of them). */
    public static X509ExtendedTrustManager withJdkTrust(List<X509Certificate> extra) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (X509Certificate certificate : defaultTrustManager().getAcceptedIssuers()) {
            store.setCertificateEntry("jdk-" + i++, certificate);
        }
        for (X509Certificate certificate : extra) {
            store.setCertificateEntry("trust-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    }

    /** The JDK's default trust manager. */
    static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager among the JDK's defaults");
    }

    /** A PKCS#12 or JKS key store; {@code what} names it in the error ("trust store", "client certificate"). */
    static KeyStore load(HttpSettings.KeyFile file, String what) {
        ConfiguredPath path = file.file();
        char[] password = file.password().map(p -> p.value().toCharArray()).orElse(null);
        try {
            // Finds the type itself: PKCS#12 or JKS.
            return KeyStore.getInstance(path.path().toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            // The message may say "password was incorrect"; the password itself is never in it.
            String reason = e.getCause() instanceof UnrecoverableKeyException
                            || String.valueOf(e.getMessage()).contains("password")
                    ? "the password from "
                            + file.password().map(HttpSettings.Secret::source).orElse("nowhere")
                            + " does not open it (set " + path.key() + "-password-env to the variable holding it)"
                    : "it is not a PKCS#12 or JKS key store (" + e.getMessage() + ")";
            throw new TargetConfigException(
                    path.origin() + ": " + path.key() + ": cannot read the " + what + " " + path.path() + ": " + reason,
                    e);
        }
    }

    private static List<X509Certificate> pemCertificates(ConfiguredPath pem) {
        try (InputStream in = Files.newInputStream(pem.path())) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new TargetConfigException(
                    pem.origin() + ": " + pem.key() + ": expected PEM files of CA certificates (-----BEGIN "
                            + "CERTIFICATE-----), but " + pem.path() + " is not one: " + e.getMessage(),
                    e);
        }
    }
}
