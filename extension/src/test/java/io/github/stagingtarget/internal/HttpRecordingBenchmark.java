package io.github.stagingtarget.internal;

import com.sun.net.httpserver.HttpServer;
import io.github.stagingtarget.report.http.HttpRecording;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Per-request cost of recording HTTP exchanges (the filter every injected REST Assured specification carries)
 * against no recording, side by side in one JVM: batches with and without alternate within each run, and
 * the medians of the runs are printed as a Markdown table. Two ways: real requests to a loopback HTTP server,
 * and in-process, where a last filter answers with a prepared response instead of the network, so that the
 * difference is the recording's own cost. Run by {@code bench/http-recording.sh}. Argument: RUNS.
 */
public final class HttpRecordingBenchmark {

    /** Requests per test, as one recording holds them. */
    private static final int PER_TEST = 20;

    private HttpRecordingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        int[] sizes = {200, 64 * 1024, 1024 * 1024};
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (int size : sizes) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            server.createContext("/" + size, exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Set-Cookie", "sid=abcdef123456; Path=/; HttpOnly");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            System.out.println("| Response body | way | no filter, µs | an empty filter, µs | recording filter, µs "
                    + "| recording's own cost, µs |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            for (int size : sizes) {
                row(size, "loopback HTTP", runs, base, size < 1024 * 1024 ? 200 : 40, null);
            }
            for (int size : sizes) {
                byte[] body = new byte[size];
                Arrays.fill(body, (byte) 'x');
                row(size, "in-process", runs, base, 2000, body);
            }
        } finally {
            server.stop(0);
        }
    }

    /**
     * @param cannedBody when set, no request leaves the JVM: a last filter answers with this body
     */
    private static void row(int size, String way, int runs, String base, int requests, byte[] cannedBody) {
        List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        // Warm-up: JIT, connection pool, REST Assured's Groovy call sites.
        for (Mode mode : Mode.values()) {
            measure(base, cannedBody, size, requests, mode);
        }
        for (int run = 0; run < runs; run++) {
            // A different order each run, so that no mode always runs on a warmer (or busier) machine.
            for (int i = 0; i < 3; i++) {
                Mode mode = Mode.values()[(run + i) % 3];
                times.get(mode.ordinal()).add(measure(base, cannedBody, size, requests, mode));
            }
        }
        double none = median(times.get(0));
        double empty = median(times.get(1));
        double recording = median(times.get(2));
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %.0f | %.0f | %.0f | %+.0f |%n",
                size >= 1024 * 1024 ? size / (1024 * 1024) + " MiB" : size >= 1024 ? size / 1024 + " KiB" : size + " B",
                way,
                none,
                empty,
                recording,
                recording - empty);
    }

    /** No filter; a filter that only passes the request on (what any filter costs in REST Assured); ours. */
    private enum Mode {
        NONE,
        EMPTY_FILTER,
        RECORDING
    }

    /** Microseconds per request, each test's {@value #PER_TEST} requests recorded into one recording. */
    private static double measure(String base, byte[] cannedBody, int path, int requests, Mode mode) {
        HttpRecording[] current = {new HttpRecording(64 * 1024, 100)};
        RecordingFilter filter = new RecordingFilter(() -> current[0]);
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            if (i % PER_TEST == 0) {
                current[0] = new HttpRecording(64 * 1024, 100);
            }
            Filter first = switch (mode) {
                case NONE -> null;
                case EMPTY_FILTER -> (request, expected, context) -> context.next(request, expected);
                case RECORDING -> filter;
            };
            Response response = spec(base, cannedBody, first)
                    .header("Authorization", "Bearer abc.def")
                    .get("/" + path);
            if (response.statusCode() != 200 || response.asByteArray().length != path) {
                throw new IllegalStateException("unexpected response " + response.statusLine());
            }
        }
        return (System.nanoTime() - start) / 1000.0 / requests;
    }

    /** The filter first, as the recording filter on an injected specification; the canned answer, if any, last. */
    private static RequestSpecification spec(String base, byte[] cannedBody, Filter recording) {
        RequestSpecification spec = RestAssured.given().baseUri(base);
        if (recording != null) {
            spec = spec.filter(recording);
        }
        if (cannedBody != null) {
            spec = spec.filter((request, response, context) -> new ResponseBuilder()
                    .setStatusCode(200)
                    .setStatusLine("HTTP/1.1 200 OK")
                    .setContentType("application/json")
                    .setHeaders(new Headers(
                            new Header("Content-Type", "application/json"),
                            new Header("Set-Cookie", "sid=abcdef123456; Path=/; HttpOnly")))
                    .setBody(cannedBody)
                    .build());
        }
        return spec;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
