/**
 * Starting, reusing, cleaning and collecting evidence from browsers.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.browser;
