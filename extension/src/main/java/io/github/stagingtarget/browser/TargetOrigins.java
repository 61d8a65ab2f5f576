package io.github.stagingtarget.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The origins ({@code scheme://host[:port]}) a target's own settings (headers, basic auth) are sent to, in
 * the form Chromium writes URLs: lower-case scheme and host, no default port. Every other origin a page loads
 * is a third party and gets none of them.
 */
final class TargetOrigins {

    private final Set<String> origins;

    private TargetOrigins(Set<String> origins) {
        this.origins = origins;
    }

    static TargetOrigins of(Collection<URI> urls) {
        Set<String> origins = new LinkedHashSet<>();
        for (URI url : urls) {
            origin(url).ifPresent(origins::add);
        }
        return new TargetOrigins(origins);
    }

    /** Whether {@code url} (absolute, as the browser reports it) is on one of the target's origins. */
    boolean contains(String url) {
        if (url == null) {
            return false;
        }
        try {
            return origin(URI.create(url)).map(origins::contains).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** DevTools {@code Fetch.RequestPattern} URL patterns matching exactly these origins' URLs. */
    List<String> urlPatterns() {
        List<String> patterns = new ArrayList<>();
        for (String origin : origins) {
            // '*' and '?' are wildcards and '\' escapes; none of them can appear in an origin.
            patterns.add(origin + "/*");
        }
        return patterns;
    }

    /** The HTTPS origins, e.g. for certificate settings. */
    List<URI> https() {
        return origins.stream()
                .filter(origin -> origin.startsWith("https://"))
                .map(URI::create)
                .toList();
    }

    Set<String> asSet() {
        return Set.copyOf(origins);
    }

    private static Optional<String> origin(URI url) {
        String scheme = url.getScheme();
        String host = url.getHost();
        if (scheme == null || host == null) {
            return Optional.empty();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        int port = url.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    @Override
    public String toString() {
        return String.join(", ", origins);
    }
}
