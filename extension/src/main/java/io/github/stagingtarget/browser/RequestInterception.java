package io.github.stagingtarget.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.json.JsonInput;

/**
 * Adds the target's headers to requests for the target's own origins and answers its basic auth gate and
 * the proxy's {@code 407}, through DevTools' {@code Fetch} domain on one browser tab. Version independent: it
 * sends raw commands rather than Selenium's per-Chromium-version classes.
 *
 * <p>Why not {@code Network.setExtraHTTPHeaders}: it sends the headers to every host a page loads (fonts,
 * analytics), which would leak a staging token to third parties. Why not Selenium's
 * {@code HasAuthentication}: it needs a DevTools version matching the browser, and it cannot answer a proxy.
 */
final class RequestInterception implements AutoCloseable {

    /** User and password for a {@code 401} or {@code 407}. Never printed. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", ****]";
        }
    }

    private final DevTools devTools;
    private final TargetOrigins origins;
    private final Map<String, String> headers;
    private final Optional<Credentials> gate;
    private final Optional<Credentials> proxy;
    /**
     * Requests whose proxy's or server's challenge was answered once already: a second one from the same side
     * means the credentials were wrong. One request may meet both, the proxy's first.
     */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    private RequestInterception(
            DevTools devTools,
            TargetOrigins origins,
            Map<String, String> headers,
            Optional<Credentials> gate,
            Optional<Credentials> proxy) {
        this.devTools = devTools;
        this.origins = origins;
        this.headers = Map.copyOf(headers);
        this.gate = gate;
        this.proxy = proxy;
    }

    /** Whether there is anything to intercept for these settings. */
    static boolean needed(Map<String, String> headers, Optional<Credentials> gate, Optional<Credentials> proxy) {
        return !headers.isEmpty() || gate.isPresent() || proxy.isPresent();
    }

    /**
     * Starts intercepting on the tab {@code devTools} is attached to. Only the target's URLs are paused, unless
     * the proxy needs credentials: every request goes through the proxy, so every one may be challenged.
     */
    static RequestInterception install(
            DevTools devTools,
            TargetOrigins origins,
            Map<String, String> headers,
            Optional<Credentials> gate,
            Optional<Credentials> proxy) {
        RequestInterception interception = new RequestInterception(devTools, origins, headers, gate, proxy);
        devTools.createSessionIfThereIsNotOne();
        devTools.addListener(new Event<>("Fetch.requestPaused", RequestInterception::read), interception::paused);
        devTools.addListener(new Event<>("Fetch.authRequired", RequestInterception::read), interception::challenged);
        List<Map<String, Object>> patterns = new ArrayList<>();
        if (proxy.isPresent()) {
            patterns.add(Map.of("urlPattern", "*", "requestStage", "Request"));
        } else {
            for (String pattern : origins.urlPatterns()) {
                patterns.add(Map.of("urlPattern", pattern, "requestStage", "Request"));
            }
        }
        devTools.send(new Command<>(
                "Fetch.enable",
                Map.of("patterns", patterns, "handleAuthRequests", gate.isPresent() || proxy.isPresent())));
        return interception;
    }

    private void paused(Map<String, Object> event) {
        String requestId = (String) event.get("requestId");
        Map<String, Object> request = map(event.get("request"));
        String url = (String) request.get("url");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("requestId", requestId);
        if (!headers.isEmpty() && origins.contains(url)) {
            Map<String, String> merged = new LinkedHashMap<>();
            map(request.get("headers")).forEach((name, value) -> merged.put(name, String.valueOf(value)));
            // Ours replace a header of the same name, whatever its case.
            merged.keySet().removeIf(name -> headers.keySet().stream().anyMatch(name::equalsIgnoreCase));
            merged.putAll(headers);
            List<Map<String, String>> entries = new ArrayList<>();
            merged.forEach((name, value) -> entries.add(Map.of("name", name, "value", value)));
            params.put("headers", entries);
        }
        send("Fetch.continueRequest", params);
    }

    private void challenged(Map<String, Object> event) {
        String requestId = (String) event.get("requestId");
        Map<String, Object> challenge = map(event.get("authChallenge"));
        Map<String, Object> request = map(event.get("request"));
        String source = String.valueOf(challenge.get("source"));
        Optional<Credentials> credentials =
                "Proxy".equals(source) ? proxy : gate.filter(any -> origins.contains((String) request.get("url")));
        Map<String, Object> response = new LinkedHashMap<>();
        if (credentials.isEmpty()) {
            // Not ours to answer: the browser does what it would without us (shows the 401 or 407).
            response.put("response", "Default");
        } else if (!answered.add(source + " " + requestId)) {
            // Asked again for the same request: the credentials were refused; show the server's answer.
            response.put("response", "CancelAuth");
        } else {
            response.put("response", "ProvideCredentials");
            response.put("username", credentials.get().user());
            response.put("password", credentials.get().password());
        }
        send("Fetch.continueWithAuth", Map.of("requestId", requestId, "authChallengeResponse", response));
    }

    private void send(String method, Map<String, Object> params) {
        try {
            devTools.send(new Command<>(method, params));
        } catch (RuntimeException e) {
            // The tab or request went away (navigation, window closed) while we answered; nothing waits for it.
        }
    }

    private static Map<String, Object> read(JsonInput input) {
        return input.read(Json.MAP_TYPE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @Override
    public void close() {
        try {
            devTools.close();
        } catch (RuntimeException e) {
            // The browser is quitting anyway.
        }
    }
}
