package io.github.stagingtarget.report.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One request and its response as they were sent and received, unmasked and unformatted: masking and
 * formatting happen only when a failed test's exchanges are written.
 *
 * @param started when the request was sent
 * @param durationNanos from sending the request to having the response (or the error)
 * @param url the full URL, with its query
 * @param status the status code, or {@code 0} when no response came ({@code error} says why)
 * @param statusLine the response's status line ({@code HTTP/1.1 404 Not Found}), {@code ""} without one
 * @param error why no response came ({@code java.net.ConnectException: Connection refused}), if so
 */
@API(status = INTERNAL, since = "0.1")
public record HttpExchange(
        Instant started,
        long durationNanos,
        String method,
        String url,
        List<Header> requestHeaders,
        Body requestBody,
        int status,
        String statusLine,
        List<Header> responseHeaders,
        Body responseBody,
        Optional<String> error) {

    /** One header line; a header sent twice is two of them. */
    @API(status = INTERNAL, since = "0.1")
    public record Header(String name, String value) {}

    /** {@code HTTP/1.1} of the status line, or {@code HTTP/1.1} when there is none. */
    public String httpVersion() {
        int space = statusLine.indexOf(' ');
        return statusLine.startsWith("HTTP/") && space > 0 ? statusLine.substring(0, space) : "HTTP/1.1";
    }

    /** {@code Not Found} of the status line, {@code ""} when there is none. */
    public String statusText() {
        String[] parts = statusLine.split(" ", 3);
        return parts.length == 3 ? parts[2].strip() : "";
    }
}
