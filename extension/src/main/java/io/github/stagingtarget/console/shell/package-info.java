/**
 * The consoles that run commands through a shell: the shared part ({@code ShellConsole}), the local one, and
 * the {@code CommandResult} they return.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.console.shell;
