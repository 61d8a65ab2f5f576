/**
 * Files published for a failed test.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.report;
