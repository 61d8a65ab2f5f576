package io.github.stagingtarget.report.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A failed test's exchanges written as {@value #TEXT_FILE} (read in an editor, laid out like {@code curl -v})
 * and as {@value #HAR_FILE} (HAR 1.2, opened by browsers' DevTools and HAR viewers). Both are masked with
 * one {@link ExchangeMasking}; a binary body is summarised (type and size), a long one cut at the recording's
 * body limit.
 *
 * <pre>{@code
 * ExchangeFiles files = new ExchangeFiles("OrderTests.creates()", recording, masking);
 * Files.writeString(dir.resolve(ExchangeFiles.TEXT_FILE), files.text());
 * Files.writeString(dir.resolve(ExchangeFiles.HAR_FILE), files.har());
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ExchangeFiles {

    public static final String TEXT_FILE = "http-exchanges.txt";
    public static final String HAR_FILE = "http-exchanges.har";

    private final String title;
    private final List<HttpExchange> exchanges;
    private final int dropped;
    private final int bodyLimit;
    private final ExchangeMasking masking;

    /**
     * @param title what the exchanges belong to, such as the test's display name
     */
    public ExchangeFiles(String title, HttpRecording recording, ExchangeMasking masking) {
        this.title = title;
        this.exchanges = recording.exchanges();
        this.dropped = recording.dropped();
        this.bodyLimit = recording.bodyLimit();
        this.masking = masking;
    }

    /** The exchanges as text, request and response headers prefixed with {@code >} and {@code <}. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("HTTP exchanges of ")
                .append(masking.text(title))
                .append(": ")
                .append(count(exchanges.size(), "request"))
                .append(", secrets masked as ****, bodies cut after ")
                .append(String.format(Locale.ROOT, "%,d", bodyLimit))
                .append(" bytes\n");
        if (dropped > 0) {
            out.append("(")
                    .append(count(dropped, "earlier request"))
                    .append(" not kept: only the last ")
                    .append(exchanges.size())
                    .append(" are)\n");
        }
        int number = dropped;
        for (HttpExchange exchange : exchanges) {
            String url = masking.text(exchange.url());
            out.append("\n=== ")
                    .append(++number)
                    .append(". ")
                    .append(exchange.method())
                    .append(' ')
                    .append(url)
                    .append(" -> ")
                    .append(exchange.error().isPresent() ? "no response" : exchange.status() + statusSuffix(exchange))
                    .append(" (")
                    .append(millis(exchange))
                    .append(" ms, started ")
                    .append(started(exchange))
                    .append(")\n");
            out.append("> ").append(exchange.method()).append(' ').append(url).append('\n');
            headers(exchange.requestHeaders(), "> ", out);
            body(exchange.requestBody(), out);
            out.append('\n');
            if (exchange.error().isPresent()) {
                out.append("! ").append(masking.text(exchange.error().get())).append('\n');
                continue;
            }
            out.append("< ").append(exchange.statusLine()).append('\n');
            headers(exchange.responseHeaders(), "< ", out);
            body(exchange.responseBody(), out);
        }
        return out.toString();
    }

    private static String statusSuffix(HttpExchange exchange) {
        return exchange.statusText().isEmpty() ? "" : " " + exchange.statusText();
    }

    private void headers(List<HttpExchange.Header> headers, String prefix, StringBuilder out) {
        for (HttpExchange.Header header : headers) {
            out.append(prefix)
                    .append(header.name())
                    .append(": ")
                    .append(masking.header(header.name(), header.value()))
                    .append('\n');
        }
    }

    /** A blank line, then the body (or what stands for it), ending with a line break. */
    private void body(Body body, StringBuilder out) {
        if (body.isEmpty()) {
            return;
        }
        out.append('\n');
        if (body.description().isPresent()) {
            out.append('[').append(masking.text(body.description().get())).append("]\n");
        } else if (!body.isText()) {
            out.append('[').append(body.summary()).append("]\n");
        } else {
            String text = masking.text(body.text());
            out.append(text);
            if (!text.endsWith("\n")) {
                out.append('\n');
            }
            if (body.truncated()) {
                out.append("[… cut: ")
                        .append(String.format(Locale.ROOT, "%,d of %,d bytes shown", body.head().length, body.size()))
                        .append("]\n");
            }
        }
    }

    /** The exchanges as a HAR 1.2 log. */
    public String har() {
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("version", "1.2");
        Map<String, Object> creator = new LinkedHashMap<>();
        creator.put("name", "StagingTarget");
        creator.put("version", version());
        log.put("creator", creator);
        List<Object> entries = new ArrayList<>();
        for (HttpExchange exchange : exchanges) {
            entries.add(entry(exchange));
        }
        log.put("entries", entries);
        String comment = masking.text(title)
                + (dropped > 0 ? "; " + count(dropped, "earlier request") + " not kept" : "")
                + "; secrets masked as ****";
        log.put("comment", comment);
        return Json.write(Map.of("log", log));
    }

    private Map<String, Object> entry(HttpExchange exchange) {
        double time = Math.round(exchange.durationNanos() / 1_000.0) / 1_000.0;
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("startedDateTime", started(exchange));
        entry.put("time", time);
        entry.put("request", request(exchange));
        entry.put("response", response(exchange));
        entry.put("cache", Map.of());
        Map<String, Object> timings = new LinkedHashMap<>();
        // Only the whole duration is measured: it is the wait; send and receive are folded into it.
        timings.put("send", 0);
        timings.put("wait", time);
        timings.put("receive", 0);
        entry.put("timings", timings);
        exchange.error().ifPresent(error -> entry.put("_error", masking.text(error)));
        return entry;
    }

    private Map<String, Object> request(HttpExchange exchange) {
        String url = masking.text(exchange.url());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", exchange.method());
        request.put("url", url);
        request.put("httpVersion", exchange.httpVersion());
        request.put("cookies", cookies(exchange.requestHeaders(), "cookie"));
        request.put("headers", harHeaders(exchange.requestHeaders()));
        request.put("queryString", queryString(url));
        request.put("headersSize", -1);
        Body body = exchange.requestBody();
        request.put("bodySize", body.size());
        if (!body.isEmpty()) {
            Map<String, Object> postData = new LinkedHashMap<>();
            postData.put("mimeType", body.contentType());
            postData.put("text", harText(body));
            request.put("postData", postData);
        }
        return request;
    }

    private Map<String, Object> response(HttpExchange exchange) {
        Body body = exchange.responseBody();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", exchange.status());
        response.put("statusText", exchange.statusText());
        response.put("httpVersion", exchange.httpVersion());
        response.put("cookies", cookies(exchange.responseHeaders(), "set-cookie"));
        response.put("headers", harHeaders(exchange.responseHeaders()));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("size", Math.max(body.size(), 0));
        content.put("mimeType", body.contentType());
        if (body.isText() && body.description().isEmpty()) {
            content.put("text", masking.text(body.text()));
            if (body.truncated()) {
                content.put("comment", cut(body));
            }
        } else if (!body.isEmpty()) {
            content.put("comment", body.description().map(masking::text).orElse(body.summary()) + ": not recorded");
        }
        response.put("content", content);
        response.put(
                "redirectURL",
                exchange.responseHeaders().stream()
                        .filter(header -> header.name().equalsIgnoreCase("location"))
                        .map(header -> masking.text(header.value()))
                        .findFirst()
                        .orElse(""));
        response.put("headersSize", -1);
        response.put("bodySize", exchange.error().isPresent() ? -1 : body.size());
        return response;
    }

    private String harText(Body body) {
        if (body.description().isPresent()) {
            return "[" + masking.text(body.description().get()) + "]";
        }
        if (!body.isText()) {
            return "[" + body.summary() + "]";
        }
        return masking.text(body.text()) + (body.truncated() ? "\n[… " + cut(body) + "]" : "");
    }

    private static String cut(Body body) {
        return String.format(Locale.ROOT, "cut: %,d of %,d bytes shown", body.head().length, body.size());
    }

    private List<Object> harHeaders(List<HttpExchange.Header> headers) {
        List<Object> list = new ArrayList<>();
        for (HttpExchange.Header header : headers) {
            list.add(nameValue(header.name(), masking.header(header.name(), header.value())));
        }
        return list;
    }

    /** The cookies of the {@code Cookie} or {@code Set-Cookie} headers, names only: every value is masked. */
    private List<Object> cookies(List<HttpExchange.Header> headers, String headerName) {
        List<Object> cookies = new ArrayList<>();
        for (HttpExchange.Header header : headers) {
            if (!header.name().equalsIgnoreCase(headerName)) {
                continue;
            }
            String[] pairs = header.value().split(";");
            for (int i = 0; i < pairs.length; i++) {
                int equals = pairs[i].indexOf('=');
                if (equals > 0 && (i == 0 || headerName.equals("cookie"))) {
                    cookies.add(nameValue(pairs[i].substring(0, equals).strip(), "****"));
                }
            }
        }
        return cookies;
    }

    private static List<Object> queryString(String maskedUrl) {
        List<Object> parameters = new ArrayList<>();
        String query;
        try {
            query = URI.create(maskedUrl).getRawQuery();
        } catch (IllegalArgumentException e) {
            int mark = maskedUrl.indexOf('?');
            query = mark < 0 ? null : maskedUrl.substring(mark + 1);
        }
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(nameValue(decode(name), decode(value)));
        }
        return parameters;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static Map<String, Object> nameValue(String name, String value) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("name", name);
        pair.put("value", value);
        return pair;
    }

    /** ISO 8601 in milliseconds, as browsers write HAR files ({@code 2026-12-03T23:41:55.899Z}). */
    private static String started(HttpExchange exchange) {
        return DateTimeFormatter.ISO_INSTANT.format(exchange.started().truncatedTo(ChronoUnit.MILLIS));
    }

    private static long millis(HttpExchange exchange) {
        return Math.round(exchange.durationNanos() / 1_000_000.0);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String version() {
        String version = ExchangeFiles.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
