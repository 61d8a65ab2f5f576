/**
 * Running commands on the target's server: {@link io.github.stagingtarget.console.ServerConsole} (API, with
 * {@link io.github.stagingtarget.console.CommandResult}, {@link io.github.stagingtarget.console.Shell} and
 * the exceptions), implemented by a local process or by SSH ({@code console.ssh}, internal).
 */
package io.github.stagingtarget.console;
