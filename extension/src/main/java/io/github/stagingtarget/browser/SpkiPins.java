package io.github.stagingtarget.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Chromium's {@code --ignore-certificate-errors-spki-list}: certificate errors are ignored for a server whose
 * certificate chain, as the server sends it, holds one of the listed public keys — and only for it. It is what
 * is left for a browser on a Selenium Grid, whose node's certificate store cannot be reached from here. A
 * server rarely sends its root, so the keys listed are those of the target's own server certificates, fetched
 * here and first checked against the configured CAs and the host name, plus the CAs' own.
 */
final class SpkiPins {

    private static final int TIMEOUT_MILLIS = 10_000;

    private SpkiPins() {}

    /** The argument, or empty when there is nothing to pin. */
    static Optional<String> argument(Collection<X509Certificate> certificates) {
        Set<String> hashes = new LinkedHashSet<>();
        for (X509Certificate certificate : certificates) {
            hashes.add(hash(certificate));
        }
        return hashes.isEmpty()
                ? Optional.empty()
                : Optional.of("--ignore-certificate-errors-spki-list=" + String.join(",", hashes));
    }

    /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium expects. */
    static String hash(X509Certificate certificate) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(certificate.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The server certificate {@code origin} presents, verified with {@code tls} (chain and host name). Through
     * {@code proxy} (an HTTP proxy's {@code host:port}, with an optional {@code Proxy-Authorization} value)
     * when given.
     */
    static X509Certificate serverCertificate(
            URI origin, SSLContext tls, Optional<InetSocketAddress> proxy, Optional<String> proxyAuthorization)
            throws IOException {
        String host = origin.getHost();
        int port = origin.getPort() == -1 ? 443 : origin.getPort();
        Socket plain = new Socket();
        try {
            plain.connect(proxy.orElseGet(() -> new InetSocketAddress(host, port)), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            if (proxy.isPresent()) {
                connectThroughProxy(plain, host, port, proxyAuthorization);
            }
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                return (X509Certificate) chain[0];
            }
        } finally {
            plain.close();
        }
    }

    private static void connectThroughProxy(Socket socket, String host, int port, Optional<String> authorization)
            throws IOException {
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n");
        authorization.ifPresent(
                value -> request.append("Proxy-Authorization: ").append(value).append("\r\n"));
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        String status = readLine(in);
        while (!readLine(in).isEmpty()) {
            // Headers of the proxy's answer; only its status matters.
        }
        List<String> parts = List.of(status.split(" ", 3));
        if (parts.size() < 2 || !parts.get(1).equals("200")) {
            throw new IOException("the proxy answered CONNECT " + authority + " with \"" + status + "\"");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("the proxy closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
