/**
 * StagingTarget: run one suite of functional tests on the developer's machine or, unchanged, against a
 * staging server.
 *
 * <p>The API is this package — {@link io.github.stagingtarget.StagingTarget} on the test class, the injected
 * {@link io.github.stagingtarget.Target} and {@link io.github.stagingtarget.Browser}, the conditions
 * {@link io.github.stagingtarget.EnabledOnTarget} and {@link io.github.stagingtarget.DisabledOnTarget}, the
 * fixtures {@link io.github.stagingtarget.ResetDatabase} and {@link io.github.stagingtarget.Seed} — plus the
 * packages {@code console} and {@code session}. Every other package is internal and may change in any
 * release.
 */
package io.github.stagingtarget;
