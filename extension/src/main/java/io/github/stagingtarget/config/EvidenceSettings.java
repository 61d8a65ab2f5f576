package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * What a failed test leaves as evidence, from the target's {@code evidence} block. See
 * {@code docs/evidence.md}.
 *
 * @param httpExchanges whether requests made through the injected REST Assured specifications are recorded
 *     (and published for a failed test)
 * @param httpBodyLimit bytes kept of each request and response body
 * @param httpMaxExchanges exchanges kept per test, the last ones
 */
@API(status = INTERNAL, since = "0.1")
public record EvidenceSettings(boolean httpExchanges, int httpBodyLimit, int httpMaxExchanges) {}
