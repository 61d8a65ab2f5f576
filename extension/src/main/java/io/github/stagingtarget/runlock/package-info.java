/**
 * The run lock: one test run at a time may change a target's data, across machines and CI pipelines. A
 * {@code flock} on a file on the target's server, held by a shell that lives exactly as long as the run's
 * console connection, so a run that crashes or is killed releases it by itself. See docs/console.md.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.runlock;
