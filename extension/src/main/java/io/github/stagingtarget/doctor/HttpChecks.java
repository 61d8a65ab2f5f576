package io.github.stagingtarget.doctor;

import io.github.stagingtarget.config.ConfiguredTarget;
import io.github.stagingtarget.config.HttpSettings;
import io.github.stagingtarget.http.ReadinessProbe;
import io.github.stagingtarget.http.TargetCheckException;
import io.github.stagingtarget.http.VersionCheck;
import io.github.stagingtarget.http.client.HttpClientSetup;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** Readiness, TLS, the gate and version, asked once each (the doctor reports; it does not wait). */
final class HttpChecks {

    /** A certificate expiring sooner than this is a warning. */
    static final int EXPIRY_WARNING_DAYS = 14;

    private static final String SET_THE_KEY = "set the key named above";

    private HttpChecks() {}

    /** {@code ready}, or {@code ready api} for a named service. */
    private static String name(String check, ConfiguredTarget target) {
        return target.serviceName().map(service -> check + " " + service).orElse(check);
    }

    static CheckResult ready(ConfiguredTarget target) {
        String name = name("ready", target);
        ReadinessProbe probe = new ReadinessProbe(
                target.resolve(target.readyPath()), Duration.ofSeconds(5), HttpClientSetup.forTarget(target));
        try {
            long start = System.nanoTime();
            if (probe.isReady()) {
                return CheckResult.ok(
                        name,
                        SecretMask.redact(probe.url().toString()) + " answered in "
                                + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
            return CheckResult.fail(
                    name,
                    SecretMask.redact(probe.url().toString()) + ": " + probe.lastProblem(),
                    probe.lastProblemNeedsASetting()
                            ? SET_THE_KEY
                            : "start the server (and the proxy in front of it), or fix "
                                    + target.serviceName()
                                            .map(service -> "services." + service + ".")
                                            .orElse("")
                                    + "base-url / ready.path");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(name, "interrupted", null);
        }
    }

    /**
     * One request to the ready path through the target's HTTP setup: the TLS check (chain trusted, host name,
     * days until the certificate expires; a warning under {@value #EXPIRY_WARNING_DAYS} days) and the gate check
     * (basic auth, token headers, the proxy's credentials).
     */
    static List<CheckResult> tlsAndGate(ConfiguredTarget target) {
        String tlsCheck = name("tls", target);
        String gateCheck = name("gate", target);
        HttpClientSetup http = HttpClientSetup.forTarget(target);
        URI url = target.resolve(target.readyPath());
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        List<CheckResult> results = new ArrayList<>();
        HttpResponse<String> response;
        try {
            response = http.newClient(Duration.ofSeconds(5))
                    .send(
                            http.request(url)
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            Optional<String> problem = http.setupProblem(url, e);
            if (problem.isEmpty()) {
                // Not reachable at all: the ready check already says so.
                return results;
            }
            boolean tls = https && !problem.get().contains("407");
            results.add(CheckResult.fail(tls ? tlsCheck : gateCheck, problem.get(), SET_THE_KEY));
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(CheckResult.fail(tlsCheck, "interrupted", null));
        }
        if (https) {
            results.add(tls(tlsCheck, http.settings(), response.sslSession()));
        }
        results.add(http.explain(url, response)
                .map(problem -> CheckResult.fail(gateCheck, problem, SET_THE_KEY))
                .orElseGet(() -> CheckResult.ok(gateCheck, gate(http, url, response.statusCode()))));
        return results;
    }

    private static CheckResult tls(String check, HttpSettings settings, Optional<SSLSession> session) {
        Optional<X509Certificate> leaf = session.flatMap(HttpChecks::leaf);
        if (leaf.isEmpty()) {
            return CheckResult.ok(check, "connected over TLS (no certificate details)");
        }
        X509Certificate certificate = leaf.get();
        long days = Duration.between(Instant.now(), certificate.getNotAfter().toInstant())
                .toDays();
        String date = certificate
                .getNotAfter()
                .toInstant()
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
        String expiry = days < 0
                ? "expired " + date + " (" + -days + " days ago)"
                : "expires " + date + " (in " + days + " day" + (days == 1 ? "" : "s") + ")";
        String chain = settings.tls().insecure()
                ? "chain NOT checked (" + settings.key("tls.insecure") + " = true)"
                : "chain trusted";
        String detail = certificate.getSubjectX500Principal().getName() + " issued by "
                + certificate.getIssuerX500Principal().getName() + ": " + chain + ", host name matches, " + expiry;
        if (days < EXPIRY_WARNING_DAYS) {
            return CheckResult.warn(
                    check,
                    detail,
                    "renew the server's certificate: it expires in less than " + EXPIRY_WARNING_DAYS + " days");
        }
        return CheckResult.ok(check, detail);
    }

    private static Optional<X509Certificate> leaf(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** What passed the gate, by name only: never a password or a token. */
    private static String gate(HttpClientSetup http, URI url, int status) {
        HttpSettings settings = http.settings();
        List<String> sent = new ArrayList<>();
        settings.basicAuth().ifPresent(auth -> sent.add("basic auth as '" + auth.user() + "'"));
        if (!settings.headers().isEmpty()) {
            sent.add("headers " + String.join(", ", settings.headers().keySet()));
        }
        http.proxyFor(url)
                .ifPresent(proxy -> sent.add(
                        "through the proxy " + SecretMask.redact(proxy.url().toString())
                                + proxy.user().map(user -> " as '" + user + "'").orElse("")));
        return "HTTP " + status + (sent.isEmpty() ? " (no gate configured)" : " with " + String.join(", ", sent));
    }

    static CheckResult version(ConfiguredTarget target) {
        String name = name("version", target);
        var version = target.version();
        if (version.path().isEmpty()) {
            return CheckResult.ok(name, "not checked (no version.path)");
        }
        try {
            String deployed =
                    VersionCheck.deployedVersion(target, version.path().get());
            if (!version.isChecked()) {
                return CheckResult.ok(name, "deployed '" + deployed + "' (not compared: version.expected is unset)");
            }
            VersionCheck.verify(target, version);
            return CheckResult.ok(name, "deployed '" + deployed + "' is the expected build");
        } catch (TargetCheckException e) {
            boolean setting =
                    e.getMessage().contains(".http.") || e.getMessage().contains(".base-url ");
            return CheckResult.fail(
                    name,
                    e.getMessage(),
                    setting ? SET_THE_KEY : "deploy the expected build, or unset version.expected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail(name, "interrupted", null);
        }
    }
}
