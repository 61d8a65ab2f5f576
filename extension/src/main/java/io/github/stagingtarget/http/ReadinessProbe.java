package io.github.stagingtarget.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.http.client.HttpClientSetup;
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
    private final HttpClientSetup http;
    private volatile boolean settingProblem;
    private volatile String lastProblem = "no request made yet";

    /** Without a target's {@code http} settings: the JDK's defaults. */
    public ReadinessProbe(URI url, Duration requestTimeout) {
        this(url, requestTimeout, HttpClientSetup.of(HttpSettings.none("?"), url));
    }

    /** Through the target's HTTP client setup: its TLS trust, gate credentials, headers and proxy. */
    public ReadinessProbe(URI url, Duration requestTimeout, HttpClientSetup http) {
        this.url = url;
        this.http = http;
        this.client = http.newClient(requestTimeout);
    }

    public URI url() {
        return url;
    }

    /** One request; true if it answered with a status below 400. */
    public boolean isReady() throws InterruptedException {
        HttpRequest request =
                http.request(url).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() < 400) {
                settingProblem = false;
                return true;
            }
            Optional<String> refused = http.explain(url, response);
            settingProblem = refused.isPresent();
            lastProblem = refused.orElse("HTTP status " + response.statusCode());
        } catch (IOException e) {
            Optional<String> problem = http.setupProblem(url, e);
            settingProblem = problem.isPresent();
            lastProblem = problem.orElseGet(() -> http.explain(url, e));
        }
        return false;
    }

    /**
     * Whether the last request failed on something only a setting fixes (TLS trust, a gate, the proxy), so that
     * waiting longer will not help; {@link #lastProblem()} then names the key to set.
     */
    public boolean lastProblemNeedsASetting() {
        return settingProblem;
    }

    /** Why the last request did not count as ready. */
    public String lastProblem() {
        return lastProblem;
    }
}
