/**
 * One HTTP client setup per target (TLS trust and client certificate, basic auth, extra headers, proxy),
 * shared by REST Assured, the readiness probe, the version gate, the doctor and the browser, and the one
 * message for each way a request fails on them.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.http.client;
