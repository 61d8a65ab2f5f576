/**
 * Login sessions made on the server: the {@code Sessions} that runs the target's {@code session.command}, its
 * settings, and the keys a fixture prepared ahead ({@code @PreAuthenticated}).
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.login;
