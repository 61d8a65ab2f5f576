package io.github.stagingtarget.http.client;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.HttpSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apiguardian.api.API;

/**
 * One target's HTTP client setup, built from its {@code http} settings and used by every client of the run
 * alike: REST Assured, the readiness probe, the version gate, the doctor (and the browser). It gives
 *
 * <ul>
 *   <li>an {@link #sslContext() SSL context} trusting the JDK's CAs plus the configured ones, with the client
 *       key for mutual TLS; with {@code tls.insecure}, any chain but still only the right host name;
 *   <li>the {@link #headersFor headers} for a request (basic auth and the extra headers), only for the target's
 *       own origin, so that no credential reaches a third-party host;
 *   <li>the {@link #proxyFor proxy} for a URL, honouring {@code no-proxy};
 *   <li>{@link #newClient a java.net.http client} with all of that, and {@link #explain one clear message} for
 *       each way a request can fail on TLS, the gate or the proxy, naming the key to set.
 * </ul>
 *
 * <pre>{@code
 * HttpClientSetup http = HttpClientSetup.forTarget(target);
 * HttpClient client = http.newClient(Duration.ofSeconds(5));
 * HttpResponse<String> response = client.send(http.request(url).GET().build(), BodyHandlers.ofString());
 * http.explain(url, response).ifPresent(problem -> ...);
 * }</pre>
 *
 * Setups are cached per settings and base URL: the SSL context is built once per run. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpClientSetup {

    private static final Map<List<Object>, HttpClientSetup> SETUPS = new ConcurrentHashMap<>();
    // One SSL context per settings, shared by the target's base URL and its services and by validate: building
    // one reads the key stores and copies the JDK's CAs.
    private static final Map<HttpSettings, SSLContext> CONTEXTS = new ConcurrentHashMap<>();

    private final HttpSettings settings;
    private final URI baseUri;
    private final SSLContext sslContext;
    private final FailureMessages messages;
    private TunnelRelay relay;

    private HttpClientSetup(HttpSettings settings, URI baseUri) {
        this.settings = settings;
        this.baseUri = baseUri;
        this.sslContext = sslContextFor(settings);
        this.messages = new FailureMessages(settings, this);
    }

    /**
     * @throws io.github.stagingtarget.config.TargetConfigException when a certificate file or key store
     *     cannot be read, naming its key
     */
    public static HttpClientSetup forTarget(ConfiguredTarget target) {
        return of(target.definition().http(), target.baseUri());
    }

    /** Like {@link #forTarget}, for a base URL of the target's (a service of it). */
    public static HttpClientSetup of(HttpSettings settings, URI baseUri) {
        return SETUPS.computeIfAbsent(List.of(settings, baseUri), key -> new HttpClientSetup(settings, baseUri));
    }

    /**
     * Reads the configured certificate files and key stores, so that a bad one fails before anything starts.
     *
     * @throws io.github.stagingtarget.config.TargetConfigException naming the key of the file that cannot be read
     */
    public static void validate(HttpSettings settings) {
        sslContextFor(settings);
    }

    private static SSLContext sslContextFor(HttpSettings settings) {
        // A settings whose files cannot be read throws here and is not stored: the next call says so again.
        return CONTEXTS.computeIfAbsent(settings, TlsContexts::create);
    }

    public HttpSettings settings() {
        return settings;
    }

    public URI baseUri() {
        return baseUri;
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    /** TLS parameters with the host name check on (also with {@code tls.insecure}). */
    public SSLParameters sslParameters() {
        SSLParameters parameters = sslContext.getDefaultSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /** Whether {@code uri} is on the target's own origin (scheme, host and port of its base URL). */
    public boolean isOwnOrigin(URI uri) {
        return uri != null
                && uri.getHost() != null
                && baseUri.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                && baseUri.getHost().equalsIgnoreCase(uri.getHost())
                && port(baseUri) == port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * The headers StagingTarget adds to a request for {@code uri}: {@code Authorization} for {@code basic}
     * and the configured extra headers, in that order; none for another origin.
     */
    public Map<String, String> headersFor(URI uri) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!isOwnOrigin(uri)) {
            return headers;
        }
        settings.basicAuth().ifPresent(auth -> headers.put("Authorization", basic(auth.user(), auth.password())));
        settings.headers().forEach((name, value) -> headers.put(name, value.value()));
        return headers;
    }

    /** The value of an {@code Authorization: Basic} header. */
    static String basic(String user, HttpSettings.Secret password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password.value()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A request builder for {@code uri} with {@link #headersFor its headers} and, when it goes through a proxy
     * with credentials, {@code Proxy-Authorization}. Sent as a header rather than through an {@code
     * Authenticator}: an authenticator would also be asked about the server's own 401, and the JDK would turn
     * that into "No credentials provided". For HTTPS the JDK drops Basic from the CONNECT request unless the
     * test JVM sets {@code jdk.http.auth.tunneling.disabledSchemes} to an empty value; rather than change that
     * JVM-wide setting, the request then goes through a {@link TunnelRelay} that adds the credentials.
     */
    public HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        headersFor(uri).forEach(builder::header);
        Optional<TunnelRelay> relay = relayFor(uri);
        if (relay.isPresent()) {
            builder.header("Proxy-Authorization", relay.get().authorization());
        } else {
            proxyFor(uri)
                    .filter(proxy -> proxy.user().isPresent())
                    .ifPresent(proxy -> builder.header(
                            "Proxy-Authorization",
                            basic(proxy.user().get(), proxy.password().orElseThrow())));
        }
        return builder;
    }

    /** The configured proxy, unless {@code uri}'s host is in {@code no-proxy}. */
    public Optional<HttpSettings.Proxy> proxyFor(URI uri) {
        return settings.proxy().filter(proxy -> !proxy.bypasses(uri.getHost()));
    }

    /**
     * A client with the SSL context, the proxy and its credentials; redirects are not followed (a gate's
     * redirect to a login page must not count as ready).
     */
    public HttpClient newClient(Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sslContext)
                .sslParameters(sslParameters());
        settings.proxy().ifPresent(proxy -> builder.proxy(new Selector(proxy)));
        return builder.build();
    }

    /** One message for a request to {@code url} that failed with {@code e}, naming the key to set. */
    public String explain(URI url, IOException e) {
        return messages.of(url, e);
    }

    /**
     * The message for a failure that a setting can fix (TLS trust, host name, expiry, client certificate,
     * proxy credentials): waiting longer will not help. Empty for others (connection refused, timeout).
     */
    public Optional<String> setupProblem(URI url, IOException e) {
        return messages.classified(url, e);
    }

    /**
     * One message for a response refused by a gate or a proxy (401, 403, 407, or nginx's 400 for a missing or
     * refused client certificate), naming the key to set; empty for any other status.
     */
    public Optional<String> explain(URI url, HttpResponse<?> response) {
        String body = response.body() instanceof String text ? text : "";
        return messages.of(url, response.statusCode(), response.headers(), body);
    }

    /** What {@code tls.insecure} turns off, with its origin, for the run header and the doctor; empty if off. */
    public Optional<String> insecureWarning() {
        return insecureWarning(settings);
    }

    /** Like {@link #insecureWarning()}, from the settings alone (nothing is built). */
    public static Optional<String> insecureWarning(HttpSettings settings) {
        if (!settings.tls().insecure()) {
            return Optional.empty();
        }
        return Optional.of("WARNING: TLS certificate chains are NOT checked (" + settings.key("tls.insecure")
                + " = true, " + settings.tls().insecureOrigin() + "): any CA, self-signed or expired certificate is "
                + "accepted; host names are still checked");
    }

    /**
     * The relay for an HTTPS request through a proxy with credentials while the JDK keeps Basic out of
     * CONNECT tunnels (its default); started on first use.
     */
    private Optional<TunnelRelay> relayFor(URI uri) {
        Optional<HttpSettings.Proxy> proxy = proxyFor(uri).filter(p -> p.user().isPresent());
        if (proxy.isEmpty() || !"https".equalsIgnoreCase(uri.getScheme()) || !FailureMessages.tunnelBasicDisabled()) {
            return Optional.empty();
        }
        synchronized (this) {
            if (relay == null) {
                relay = TunnelRelay.start(proxy.get());
            }
            return Optional.of(relay);
        }
    }

    /** Sends requests through the proxy (or the relay in front of it), except to hosts in {@code no-proxy}. */
    private final class Selector extends ProxySelector {

        private final HttpSettings.Proxy proxy;
        private final List<Proxy> through;

        Selector(HttpSettings.Proxy proxy) {
            this.proxy = proxy;
            this.through = List.of(new Proxy(
                    Proxy.Type.HTTP,
                    InetSocketAddress.createUnresolved(
                            proxy.url().getHost(), proxy.url().getPort())));
        }

        @Override
        public List<Proxy> select(URI uri) {
            if (proxy.bypasses(uri.getHost())) {
                return List.of(Proxy.NO_PROXY);
            }
            return relayFor(uri)
                    .map(relay -> List.of(new Proxy(Proxy.Type.HTTP, relay.address())))
                    .orElse(through);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            // The request fails with e; nothing to remember.
        }
    }
}
