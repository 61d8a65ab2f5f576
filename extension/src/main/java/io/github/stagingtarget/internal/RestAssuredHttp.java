package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.http.TargetCheckException;
import io.github.stagingtarget.http.client.HttpClientSetup;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.ProxySpecification;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a target's {@link HttpClientSetup} to a REST Assured specification: its SSL context (JDK CAs plus
 * the configured ones, the client key), its proxy, and a filter adding basic auth and the extra headers to
 * requests for the target's own origin only, which also turns a TLS or proxy failure into the one message
 * naming the key to set.
 */
final class RestAssuredHttp {

    private RestAssuredHttp() {}

    static RequestSpecBuilder apply(RequestSpecBuilder builder, HttpClientSetup http) {
        HttpSettings settings = http.settings();
        // Also without TLS settings: the JDK's trust through this setup's trust manager, whose refusals name the key.
        RestAssuredConfig config = RestAssured.config();
        if ("https".equalsIgnoreCase(http.baseUri().getScheme())
                || settings.tls().isCustomized()) {
            config = config.sslConfig(sslConfig(http));
        }
        // REST Assured's request log (log().all(), failed validations) shows these headers as [ BLACKLISTED ].
        List<String> hidden = new ArrayList<>(List.of("Authorization", "Proxy-Authorization"));
        hidden.addAll(settings.headers().keySet());
        config = config.logConfig(config.getLogConfig().blacklistHeaders(hidden));
        builder.setConfig(config);
        http.proxyFor(http.baseUri()).ifPresent(proxy -> {
            ProxySpecification spec = ProxySpecification.host(proxy.url().getHost())
                    .withPort(proxy.url().getPort())
                    .withScheme("http");
            if (proxy.user().isPresent()) {
                spec = spec.withAuth(
                        proxy.user().get(), proxy.password().orElseThrow().value());
            }
            builder.setProxy(spec);
        });
        return builder.addFilter(new TargetFilter(http));
    }

    // Apache HttpClient 4's socket factory is what REST Assured 5 takes; the strict verifier keeps the host
    // name check (also with tls.insecure, whose trust manager checks it as well).
    @SuppressWarnings("deprecation")
    private static SSLConfig sslConfig(HttpClientSetup http) {
        return SSLConfig.sslConfig()
                .sslSocketFactory(new org.apache.http.conn.ssl.SSLSocketFactory(
                        http.sslContext(), org.apache.http.conn.ssl.SSLSocketFactory.STRICT_HOSTNAME_VERIFIER));
    }

    /** Adds the target's headers to its own origin's requests; explains TLS and proxy failures. */
    private static final class TargetFilter implements Filter {

        private final HttpClientSetup http;

        TargetFilter(HttpClientSetup http) {
            this.http = http;
        }

        @Override
        public Response filter(
                FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext next) {
            URI uri = URI.create(request.getURI());
            // A header the test set itself wins. Ours are removed again afterwards: the specification is the
            // test's, and its next request may go to another origin.
            List<String> added = new ArrayList<>();
            http.headersFor(uri).forEach((name, value) -> {
                if (!request.getHeaders().hasHeaderWithName(name)) {
                    request.header(name, value);
                    added.add(name);
                }
            });
            try {
                return next.next(request, response);
            } catch (RuntimeException e) {
                throw explained(uri, e).map(RuntimeException.class::cast).orElse(e);
            } catch (Exception e) {
                // Groovy code below REST Assured throws checked exceptions (SSLHandshakeException) undeclared.
                Optional<TargetCheckException> explained = explained(uri, e);
                if (explained.isPresent()) {
                    throw explained.get();
                }
                throw sneaky(e);
            } finally {
                added.forEach(request::removeHeader);
            }
        }

        private Optional<TargetCheckException> explained(URI uri, Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IOException io) {
                    return http.setupProblem(uri, io).map(problem -> new TargetCheckException(problem, e));
                }
            }
            return Optional.empty();
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> RuntimeException sneaky(Throwable e) throws T {
            throw (T) e;
        }
    }
}
