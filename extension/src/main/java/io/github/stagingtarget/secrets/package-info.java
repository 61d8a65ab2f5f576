/**
 * Keeping secrets out of messages, reports and logs: {@code SecretMask}.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.secrets;
