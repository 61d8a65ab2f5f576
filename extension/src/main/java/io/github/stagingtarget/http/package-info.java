/**
 * Readiness and version checks over HTTP.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.http;
