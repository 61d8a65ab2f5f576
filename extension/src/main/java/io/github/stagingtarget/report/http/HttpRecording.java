package io.github.stagingtarget.report.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayDeque;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The HTTP exchanges of one test, as recorded: the last {@code maxExchanges} of them (a test that polls an
 * endpoint a thousand times keeps what led up to the failure), and how many earlier ones were dropped.
 * Recording only stores references; nothing is formatted unless the test fails.
 *
 * <p>Thread-safe: a test may send requests from several threads.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpRecording {

    private final int bodyLimit;
    private final int maxExchanges;
    private final ArrayDeque<HttpExchange> exchanges = new ArrayDeque<>();
    private int dropped;

    /**
     * @param bodyLimit bytes kept of each request and response body
     * @param maxExchanges exchanges kept; older ones are dropped first
     */
    public HttpRecording(int bodyLimit, int maxExchanges) {
        this.bodyLimit = bodyLimit;
        this.maxExchanges = maxExchanges;
    }

    public int bodyLimit() {
        return bodyLimit;
    }

    public synchronized void add(HttpExchange exchange) {
        if (exchanges.size() == maxExchanges) {
            exchanges.removeFirst();
            dropped++;
        }
        exchanges.addLast(exchange);
    }

    public synchronized List<HttpExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** How many earlier exchanges were dropped to keep the last {@code maxExchanges}. */
    public synchronized int dropped() {
        return dropped;
    }

    public synchronized boolean isEmpty() {
        return exchanges.isEmpty();
    }
}
