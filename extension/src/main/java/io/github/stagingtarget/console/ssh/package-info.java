/**
 * The SSH console: one verified connection per run, a session per command.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.console.ssh;
