package io.github.stagingtarget.http.client;

import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.config.TargetConfigException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the SSL context of a target from its {@code http.tls} settings: the JDK's trusted CAs plus the
 * configured ones (never instead of them), a client key for mutual TLS, or, with {@code insecure}, no chain
 * checks at all but still the host name check.
 */
final class TlsContexts {

    private TlsContexts() {}

    static SSLContext create(HttpSettings http) {
        HttpSettings.Tls tls = http.tls();
        try {
            X509ExtendedTrustManager trust =
                    tls.insecure() ? new AnyChainTrustManager() : new DescribingTrustManager(trustManager(tls));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /** The CAs a target's connections trust (without {@code insecure}): the JDK's and the configured ones. */
    static X509Certificate[] trustedIssuers(HttpSettings http) throws GeneralSecurityException {
        return trustManager(http.tls()).getAcceptedIssuers();
    }

    /** The JDK's default trust plus the configured certificates, in one PKIX trust manager. */
    private static X509ExtendedTrustManager trustManager(HttpSettings.Tls tls) throws GeneralSecurityException {
        if (tls.trust().isEmpty() && tls.trustStore().isEmpty()) {
            return (X509ExtendedTrustManager) TrustMaterial.defaultTrustManager();
        }
        return TrustMaterial.withJdkTrust(TrustMaterial.configuredCertificates(tls));
    }

    private static KeyManager[] keyManagers(HttpSettings.Tls tls) throws GeneralSecurityException {
        if (tls.clientCertificate().isEmpty()) {
            return null;
        }
        HttpSettings.KeyFile file = tls.clientCertificate().get();
        KeyStore store = TrustMaterial.load(file, "client certificate");
        char[] password = file.password().map(p -> p.value().toCharArray()).orElse(new char[0]);
        boolean hasKey = false;
        for (String alias : java.util.Collections.list(store.aliases())) {
            hasKey |= store.isKeyEntry(alias);
        }
        if (!hasKey) {
            throw new TargetConfigException(
                    file.file().origin() + ": " + file.file().key() + ": expected a PKCS#12 "
                            + "file with the client's private key and certificate, but "
                            + file.file().path()
                            + " holds no private key");
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /**
     * {@code tls.insecure}: accepts any certificate chain (unknown CA, self-signed, expired), but still checks
     * that the server's certificate names the host asked for, so that a request meant for staging does not
     * silently talk to another server.
     */
    static final class AnyChainTrustManager extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkHost(chain, Optional.ofNullable(engine).map(SSLEngine::getPeerHost));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            Optional<String> host = socket instanceof javax.net.ssl.SSLSocket ssl
                    ? Optional.ofNullable(ssl.getHandshakeSession()).map(javax.net.ssl.SSLSession::getPeerHost)
                    : Optional.empty();
            checkHost(chain, host);
        }

        private static void checkHost(X509Certificate[] chain, Optional<String> host) throws CertificateException {
            try {
                HostNames.check(chain[0], host);
            } catch (CertificateException e) {
                throw new ServerCertificateException(chain[0], e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the host name cannot be checked without a connection");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
