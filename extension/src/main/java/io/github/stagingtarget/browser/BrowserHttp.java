package io.github.stagingtarget.browser;

import io.github.stagingtarget.config.BrowserSettings;
import io.github.stagingtarget.config.BrowserSettings.ConfiguredPath;
import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.config.HttpSettings.Secret;
import io.github.stagingtarget.http.client.TrustMaterial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.openqa.selenium.Proxy;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.HasDevTools;
import org.openqa.selenium.remote.AbstractDriverOptions;
import org.openqa.selenium.remote.Augmenter;

/**
 * The target's {@code http} settings, applied to the browser that is started for it:
 *
 * <ul>
 *   <li>CAs ({@code tls.trust}, {@code tls.trust-store}): a local Chromium gets a home directory of its own whose
 *       NSS database trusts them ({@link NssProfile}), so every check but the issuer stays on; a Chromium on a
 *       Grid gets the public keys of the target's own server certificates, checked here first ({@link
 *       SpkiPins});
 *   <li>{@code tls.client-certificate}: imported into that NSS database, and chosen without asking for the
 *       target's origins (Chromium's {@code auto_select_certificate} preference); local Chromium only;
 *   <li>{@code tls.insecure}: WebDriver's {@code acceptInsecureCerts}, with a {@link #warning()};
 *   <li>{@code basic}, {@code headers} and proxy credentials: {@link RequestInterception} over DevTools,
 *       for the target's origins only;
 *   <li>{@code proxy}: WebDriver's proxy capability.
 * </ul>
 *
 * Firefox gets the proxy and {@code insecure}; for the rest, starting it fails with one message naming the key.
 */
final class BrowserHttp {

    private final HttpSettings http;
    private final TargetOrigins origins;
    private final boolean remote;

    private BrowserHttp(HttpSettings http, TargetOrigins origins, boolean remote) {
        this.http = http;
        this.origins = origins;
        this.remote = remote;
    }

    /**
     * Checks that {@code spec}'s browser can honour {@code http}; no side effects.
     *
     * @param targetUrls the target's own URLs (base URL, services): their origins get headers and credentials
     * @throws BrowserException naming the first setting the browser cannot honour
     */
    static BrowserHttp plan(HttpSettings http, List<URI> targetUrls, BrowserSettings spec) {
        BrowserHttp plan = new BrowserHttp(
                http, TargetOrigins.of(targetUrls), spec.remoteUrl().isPresent());
        if (spec.kind() == BrowserSettings.Kind.FIREFOX) {
            plan.unsupportedOnFirefox(spec);
        } else if (plan.remote && http.tls().clientCertificate().isPresent()) {
            ConfiguredPath file = http.tls().clientCertificate().get().file();
            throw new BrowserException(file.origin() + ": " + file.key() + " is set, but a browser on a Selenium Grid"
                    + " (browser.remote-url, " + spec.origin() + ") cannot be given a client certificate: it is"
                    + " supported in a local Chromium only (the certificate goes into the browser's own NSS database,"
                    + " which a Grid node's browser does not read). Run these browser tests with a local Chromium, or"
                    + " give the Grid node's browser the certificate yourself.");
        }
        return plan;
    }

    private void unsupportedOnFirefox(BrowserSettings spec) {
        List<String> keys = new ArrayList<>();
        if (!http.tls().trust().isEmpty()) {
            keys.add(http.key("tls.trust"));
        }
        http.tls().trustStore().ifPresent(any -> keys.add(http.key("tls.trust-store")));
        http.tls().clientCertificate().ifPresent(any -> keys.add(http.key("tls.client-certificate")));
        http.basicAuth().ifPresent(any -> keys.add(http.key("basic")));
        if (!http.headers().isEmpty()) {
            keys.add(http.key("headers"));
        }
        http.proxy().filter(proxy -> proxy.user().isPresent()).ifPresent(any -> keys.add(http.key("proxy.user")));
        if (!keys.isEmpty()) {
            throw new BrowserException(String.join(", ", keys) + (keys.size() == 1 ? " is" : " are")
                    + " set, which StagingTarget applies to Chromium only; with browser.name = " + spec.name() + " ("
                    + spec.origin() + ") only http.proxy (without credentials) and http.tls.insecure reach the"
                    + " browser. Use browser.name = chromium for this target.");
        }
    }

    /** Shown once when the browser starts, if it does anything the user should be warned about. */
    Optional<String> warning() {
        if (!http.tls().insecure()) {
            return Optional.empty();
        }
        return Optional.of(http.key("tls.insecure") + " = true (" + http.tls().insecureOrigin() + "): the browser"
                + " accepts any certificate from every site it opens (WebDriver acceptInsecureCerts), without checking"
                + " issuer, expiry or host name. Trust the target's CA with " + http.key("tls.trust") + " instead.");
    }

    /** Options for any browser: proxy and {@code acceptInsecureCerts}. */
    void configure(AbstractDriverOptions<?> options) {
        http.proxy().ifPresent(proxy -> options.setProxy(proxy(proxy, options instanceof ChromeOptions)));
        if (http.tls().insecure()) {
            options.setAcceptInsecureCerts(true);
        }
    }

    /** Chromium's own: the certificate pins on a Grid, the automatic client certificate choice locally. */
    void configureChromium(ChromeOptions options) {
        if (http.tls().insecure()) {
            return;
        }
        if (remote) {
            pins().ifPresent(options::addArguments);
        } else if (http.tls().clientCertificate().isPresent()) {
            Map<String, Object> exceptions = new LinkedHashMap<>();
            for (URI origin : origins.https()) {
                // One certificate is in the database: an empty filter picks it.
                exceptions.put(origin + ",*", Map.of("setting", Map.of("filters", List.of(Map.of()))));
            }
            // Nested rather than dotted: ChromeDriver splits a preference's name at dots, and a host has them.
            options.setExperimentalOption(
                    "prefs",
                    Map.of(
                            "profile",
                            Map.of(
                                    "content_settings",
                                    Map.of("exceptions", Map.of("auto_select_certificate", exceptions)))));
        }
    }

    /** For a local Chromium: its own home with the certificates, if any are configured; close it after the browser. */
    Optional<NssProfile> nssProfile(ExecutableFinder finder) {
        if (remote || http.tls().insecure()) {
            return Optional.empty();
        }
        List<X509Certificate> trusted = trustedCertificates();
        Optional<NssProfile.ClientCertificate> client = http.tls()
                .clientCertificate()
                .map(file -> new NssProfile.ClientCertificate(
                        file.file().path(),
                        file.password().map(Secret::value).orElse(""),
                        file.file().key()));
        if (trusted.isEmpty() && client.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(NssProfile.create(finder, trusted, trustKey(), client));
    }

    /** Starts answering the gate and adding headers on the started browser, if there is anything to do. */
    Optional<RequestInterception> intercept(WebDriver driver) {
        Map<String, String> headers = new LinkedHashMap<>();
        http.headers().forEach((name, secret) -> headers.put(name, secret.value()));
        Optional<RequestInterception.Credentials> gate = http.basicAuth()
                .map(auth -> new RequestInterception.Credentials(
                        auth.user(), auth.password().value()));
        Optional<RequestInterception.Credentials> proxy = http.proxy()
                .filter(settings -> settings.user().isPresent())
                .map(settings -> new RequestInterception.Credentials(
                        settings.user().orElseThrow(),
                        settings.password().map(Secret::value).orElse("")));
        if (!RequestInterception.needed(headers, gate, proxy)) {
            return Optional.empty();
        }
        WebDriver devToolsDriver = driver instanceof HasDevTools ? driver : new Augmenter().augment(driver);
        if (!(devToolsDriver instanceof HasDevTools devTools)) {
            throw new BrowserException(interceptedKeys() + ": the browser offers no DevTools connection"
                    + (remote ? " through the Selenium Grid (it must pass on se:cdp)" : "")
                    + ", which StagingTarget needs to send them to the target's origins only.");
        }
        try {
            return Optional.of(RequestInterception.install(devTools.getDevTools(), origins, headers, gate, proxy));
        } catch (RuntimeException e) {
            throw new BrowserException(
                    interceptedKeys() + ": could not intercept the browser's requests through" + " DevTools"
                            + (remote ? " on the Selenium Grid" : "") + ": " + firstLine(e),
                    e);
        }
    }

    private String interceptedKeys() {
        List<String> keys = new ArrayList<>();
        http.basicAuth().ifPresent(any -> keys.add(http.key("basic")));
        if (!http.headers().isEmpty()) {
            keys.add(http.key("headers"));
        }
        http.proxy().filter(p -> p.user().isPresent()).ifPresent(any -> keys.add(http.key("proxy.user")));
        return String.join(", ", keys);
    }

    /**
     * The proxy for every scheme. Chromium never sends loopback addresses through a proxy unless told to
     * ({@code <-loopback>}); the other clients of the run do, so the browser is told, and {@code no-proxy} is
     * the one list of exceptions everywhere.
     */
    private static Proxy proxy(HttpSettings.Proxy settings, boolean chromium) {
        String address = settings.url().getHost() + ":"
                + (settings.url().getPort() == -1 ? 80 : settings.url().getPort());
        Proxy proxy = new Proxy()
                .setProxyType(Proxy.ProxyType.MANUAL)
                .setHttpProxy(address)
                .setSslProxy(address);
        List<String> bypass = new ArrayList<>(settings.noProxy());
        if (chromium) {
            bypass.add("<-loopback>");
        }
        if (!bypass.isEmpty()) {
            proxy.setNoProxy(String.join(",", bypass));
        }
        return proxy;
    }

    /** On a Grid: the target's server keys, verified here against the configured CAs and host names. */
    private Optional<String> pins() {
        List<X509Certificate> trusted = trustedCertificates();
        if (trusted.isEmpty()) {
            return Optional.empty();
        }
        SSLContext tls = withAdditionalTrust(trusted);
        List<X509Certificate> keys = new ArrayList<>(trusted);
        for (URI origin : origins.https()) {
            try {
                Optional<HttpSettings.Proxy> proxy =
                        http.proxy().filter(settings -> !settings.bypasses(origin.getHost()));
                keys.add(SpkiPins.serverCertificate(
                        origin,
                        tls,
                        proxy.map(settings -> new InetSocketAddress(
                                settings.url().getHost(),
                                settings.url().getPort() == -1
                                        ? 80
                                        : settings.url().getPort())),
                        proxy.flatMap(BrowserHttp::proxyAuthorization)));
            } catch (IOException e) {
                throw new BrowserException(
                        "Could not fetch the server certificate of " + origin + " to let the browser on"
                                + " the Selenium Grid trust it (" + trustKey() + "): " + e.getMessage()
                                + ". A certificate not signed by the configured CAs, or for another host name, fails here.",
                        e);
            }
        }
        return SpkiPins.argument(keys);
    }

    private static Optional<String> proxyAuthorization(HttpSettings.Proxy proxy) {
        return proxy.user()
                .map(user -> "Basic "
                        + Base64.getEncoder()
                                .encodeToString((user + ":"
                                                + proxy.password()
                                                        .map(Secret::value)
                                                        .orElse(""))
                                        .getBytes(StandardCharsets.UTF_8)));
    }

    private String trustKey() {
        return http.tls().trust().isEmpty() ? http.key("tls.trust-store") : http.key("tls.trust");
    }

    private List<X509Certificate> trustedCertificates() {
        return TrustMaterial.configuredCertificates(http.tls());
    }

    /** The JDK's trusted CAs plus {@code extra}. */
    private static SSLContext withAdditionalTrust(List<X509Certificate> extra) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TrustMaterial.withJdkTrust(extra)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not set up TLS with the configured CAs", e);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
