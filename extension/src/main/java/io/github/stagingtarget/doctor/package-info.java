/**
 * The preflight command that prints a target's resolved configuration and checks it.
 *
 * <p>The command line of {@link io.github.stagingtarget.doctor.Doctor} is supported; the Java types here
 * are internal, not API, and may change in any release.
 */
package io.github.stagingtarget.doctor;
