/**
 * Loading, layering and validating the HOCON configuration; choosing the target.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.config;
