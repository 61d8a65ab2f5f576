/**
 * HTTP exchanges recorded during a test, written for a failed one as a text file and as HAR 1.2. Plain
 * classes: no JUnit and no HTTP client here; the REST Assured filter that feeds them lives in {@code internal}.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.report.http;
