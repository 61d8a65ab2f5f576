package io.github.stagingtarget.report.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.secrets.SecretMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The run's {@link SecretMask} applied to a test's exchanges: secret headers ({@link
 * SecretMask#applyToHeader}), and the values those headers carried (a session cookie, a bearer token)
 * wherever else they appear in the exchanges, in URLs and bodies too.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExchangeMasking {

    private final SecretMask mask;
    private final Set<String> secretHeaders;

    private ExchangeMasking(SecretMask mask, Set<String> secretHeaders) {
        this.mask = mask;
        this.secretHeaders = secretHeaders;
    }

    /**
     * @param runMask the run's secrets
     * @param secretHeaders names of further headers whose values are secret (the target's configured
     *     headers and credentials), compared ignoring case
     * @param exchanges the exchanges to be written; the secrets their headers carry are masked everywhere
     */
    public static ExchangeMasking of(SecretMask runMask, Set<String> secretHeaders, List<HttpExchange> exchanges) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(secretHeaders);
        List<String> carried = new ArrayList<>();
        for (HttpExchange exchange : exchanges) {
            for (List<HttpExchange.Header> headers : List.of(exchange.requestHeaders(), exchange.responseHeaders())) {
                for (HttpExchange.Header header : headers) {
                    carried.addAll(SecretMask.secretsInHeader(header.name(), header.value(), names));
                }
            }
        }
        return new ExchangeMasking(
                runMask.with(carried),
                Set.copyOf(names.stream()
                        .map(name -> name.toLowerCase(Locale.ROOT))
                        .toList()));
    }

    public String header(String name, String value) {
        return mask.applyToHeader(name, value, secretHeaders);
    }

    /** Any other text: URLs, bodies, error messages. */
    public String text(String text) {
        return mask.apply(text);
    }
}
