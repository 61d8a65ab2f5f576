/**
 * Running commands on the target's server: {@link io.github.stagingtarget.console.ServerConsole}, what it
 * returns ({@link io.github.stagingtarget.console.CommandResult}), {@link io.github.stagingtarget.console.Shell}
 * quoting, and the exceptions ({@link io.github.stagingtarget.console.ConsoleException} and its subclasses).
 * API. The consoles themselves — a local process ({@code console.shell}) or SSH ({@code console.ssh}) — are
 * internal.
 */
package io.github.stagingtarget.console;
