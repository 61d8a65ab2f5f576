package io.github.stagingtarget.internal;

import io.github.stagingtarget.report.http.Body;
import io.github.stagingtarget.report.http.HttpExchange;
import io.github.stagingtarget.report.http.HttpExchange.Header;
import io.github.stagingtarget.report.http.HttpRecording;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Cookie;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.MultiPartSpecification;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Records each exchange of an injected REST Assured specification into the recording of the test that is
 * running. It runs last among the filters, so it sees the request as sent and the response as received.
 * Recording is cheap: references, the headers, and copies of at most the body limit; nothing is formatted.
 */
final class RecordingFilter implements OrderedFilter {

    /**
     * REST Assured's own filter context knows the request's URI up to the query parameters, for free; its
     * {@code getURI()} rebuilds the whole URI and costs more than the rest of the recording together (0.1 to
     * 0.7 ms). Found by reflection, as it is internal: without it, {@code getURI()} is used.
     */
    private static final Method INTERNAL_URI = internalUri();

    /** Methods whose {@code param(...)} values REST Assured sends in the query, not in a form body. */
    private static final Set<String> QUERY_METHODS = Set.of("GET", "HEAD", "DELETE", "OPTIONS", "TRACE");

    private final Supplier<HttpRecording> recording;

    RecordingFilter(Supplier<HttpRecording> recording) {
        this.recording = recording;
    }

    /**
     * REST Assured's default order, not the lowest: REST Assured appends its own sending filter (order 1000) to
     * the specification's list at the first request, and a filter ordered after it is never reached again.
     * Among equal orders ours comes first, as it was added when the specification was made; headers and body
     * are read after the later filters have run, so what they added is recorded too.
     */
    @Override
    public int getOrder() {
        return DEFAULT_PRECEDENCE;
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification expected, FilterContext context) {
        HttpRecording target = recording.get();
        if (target == null) {
            // Outside any test (a @BeforeAll or @AfterAll method): there is no failed test to show it for.
            return context.next(request, expected);
        }
        // Before sending: REST Assured then moves the path's own query into the query parameters.
        String url = url(context, request);
        Instant started = Instant.now();
        long start = System.nanoTime();
        Response response;
        try {
            response = context.next(request, expected);
        } catch (Exception e) {
            // Also the checked ConnectException that REST Assured's Groovy code throws undeclared; rethrown as is.
            target.add(exchange(request, url, started, System.nanoTime() - start, null, target, e));
            throw e;
        }
        long duration = System.nanoTime() - start;
        target.add(exchange(request, url, started, duration, response, target, null));
        return response;
    }

    private static HttpExchange exchange(
            FilterableRequestSpecification request,
            String url,
            Instant started,
            long duration,
            Response response,
            HttpRecording target,
            Exception error) {
        int limit = target.bodyLimit();
        return new HttpExchange(
                started,
                duration,
                request.getMethod(),
                url,
                requestHeaders(request),
                requestBody(request, limit),
                response == null ? 0 : response.getStatusCode(),
                response == null || response.getStatusLine() == null ? "" : response.getStatusLine(),
                response == null ? List.of() : headers(response.getHeaders()),
                response == null ? Body.NONE : responseBody(response, limit),
                Optional.ofNullable(error).map(Throwable::toString));
    }

    /** The URI as {@code getURI()} builds it: the path's own query, then {@code param(...)}, then query parameters. */
    static String url(FilterContext context, FilterableRequestSpecification request) {
        String uri = null;
        if (INTERNAL_URI != null && INTERNAL_URI.getDeclaringClass().isInstance(context)) {
            try {
                uri = (String) INTERNAL_URI.invoke(context);
            } catch (ReflectiveOperationException | RuntimeException e) {
                uri = null;
            }
        }
        if (uri == null) {
            return request.getURI();
        }
        StringBuilder url = new StringBuilder(uri);
        if (QUERY_METHODS.contains(request.getMethod())) {
            appendQuery(url, request.getRequestParams());
        }
        appendQuery(url, request.getQueryParams());
        return url.toString();
    }

    private static void appendQuery(StringBuilder url, Map<String, String> parameters) {
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            url.append(url.indexOf("?") < 0 ? '?' : '&')
                    .append(queryEncode(parameter.getKey()))
                    .append('=')
                    .append(queryEncode(parameter.getValue()));
        }
    }

    private static String queryEncode(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Method internalUri() {
        try {
            return Class.forName(
                            "io.restassured.internal.filter.FilterContextImpl",
                            false,
                            FilterContext.class.getClassLoader())
                    .getMethod("getInternalRequestURI");
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static List<Header> requestHeaders(FilterableRequestSpecification request) {
        List<Header> headers = headers(request.getHeaders());
        if (request.getCookies().exist() && !request.getHeaders().hasHeaderWithName("Cookie")) {
            // REST Assured sends its cookies as one Cookie header, added after the filters.
            List<Header> withCookies = new ArrayList<>(headers);
            withCookies.add(new Header(
                    "Cookie",
                    request.getCookies().asList().stream()
                            .map(cookie -> cookie.getName() + "=" + cookieValue(cookie))
                            .collect(Collectors.joining("; "))));
            return withCookies;
        }
        return headers;
    }

    private static String cookieValue(Cookie cookie) {
        return cookie.hasValue() ? cookie.getValue() : "";
    }

    private static List<Header> headers(Headers headers) {
        if (headers == null || !headers.exist()) {
            return List.of();
        }
        List<Header> list = new ArrayList<>(headers.size());
        for (io.restassured.http.Header header : headers) {
            list.add(new Header(header.getName(), header.getValue()));
        }
        return list;
    }

    private static Body requestBody(FilterableRequestSpecification request, int limit) {
        String type = request.getContentType();
        Object body = request.getBody();
        if (body instanceof String text) {
            return Body.of(type, text, limit);
        } else if (body instanceof byte[] bytes) {
            return Body.of(type, bytes, limit);
        } else if (body instanceof File file) {
            return Body.described(type, "file " + file.getName() + ", " + file.length() + " bytes");
        } else if (body != null) {
            return Body.of(type, String.valueOf(body), limit);
        }
        List<MultiPartSpecification> parts = request.getMultiPartParams();
        if (parts != null && !parts.isEmpty()) {
            return Body.described(
                    type,
                    "multipart: "
                            + parts.stream().map(RecordingFilter::describe).collect(Collectors.joining(", ")));
        }
        Map<String, String> form = new LinkedHashMap<>(request.getFormParams());
        if (!QUERY_METHODS.contains(request.getMethod())) {
            form.putAll(request.getRequestParams());
        }
        if (!form.isEmpty()) {
            String encoded = form.entrySet().stream()
                    .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                    .collect(Collectors.joining("&"));
            return Body.of(type, encoded, limit);
        }
        return Body.NONE;
    }

    private static String describe(MultiPartSpecification part) {
        String file = part.hasFileName() ? " (" + part.getFileName() + ")" : "";
        return part.getControlName() + file + (part.getMimeType() == null ? "" : " " + part.getMimeType());
    }

    private static String encode(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    private static Body responseBody(Response response, int limit) {
        try {
            // REST Assured keeps the body it has read, so the test reads it as well.
            return Body.of(response.getContentType(), response.asByteArray(), limit);
        } catch (RuntimeException e) {
            return Body.described(response.getContentType(), "body not readable: " + e);
        }
    }
}
