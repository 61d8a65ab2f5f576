package io.github.stagingtarget.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.secrets.SecretMask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Asks a URL whether the server behind it is ready: any status below 400 counts. Keeps the last problem so
 * a timeout can say why the server was not ready.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReadinessProbe {

    private final HttpClient client;
    private final URI url;
    private volatile String lastProblem = "no request made yet";

    public ReadinessProbe(URI url, Duration requestTimeout) {
        this.url = url;
        this.client = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI url() {
        return url;
    }

    /** One request; true if it answered with a status below 400. */
    public boolean isReady() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() < 400) {
                return true;
            }
            lastProblem = "HTTP status " + response.statusCode();
        } catch (IOException e) {
            lastProblem = e.getClass().getSimpleName()
                    + Optional.ofNullable(e.getMessage())
                            .map(m -> ": " + SecretMask.redact(m))
                            .orElse("");
        }
        return false;
    }

    /** Why the last request did not count as ready. */
    public String lastProblem() {
        return lastProblem;
    }
}
