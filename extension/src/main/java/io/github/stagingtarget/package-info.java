/**
 * StagingTarget: run one suite of functional tests on the developer's machine or, unchanged, against a
 * staging server.
 *
 * <p>The API, all of it marked {@code @API} (apiguardian), is:
 *
 * <ul>
 *   <li>this package: {@link io.github.stagingtarget.StagingTarget} on the test class; the injected
 *       {@link io.github.stagingtarget.Target} and {@link io.github.stagingtarget.Browser}; the conditions
 *       {@link io.github.stagingtarget.EnabledOnTarget} and {@link io.github.stagingtarget.DisabledOnTarget};
 *       the fixtures {@link io.github.stagingtarget.ResetDatabase}, {@link io.github.stagingtarget.Seed} and
 *       {@link io.github.stagingtarget.PreAuthenticated}; {@link io.github.stagingtarget.BrowserReuse} with
 *       its {@link io.github.stagingtarget.BrowserReuse.Policy}; {@link io.github.stagingtarget.StagingTargetException},
 *       the type of every problem StagingTarget reports;
 *   <li>{@code console}: {@link io.github.stagingtarget.console.ServerConsole},
 *       {@link io.github.stagingtarget.console.CommandResult}, {@link io.github.stagingtarget.console.Shell},
 *       {@link io.github.stagingtarget.console.ConsoleException},
 *       {@link io.github.stagingtarget.console.CommandFailedException},
 *       {@link io.github.stagingtarget.console.CommandTimedOutException},
 *       {@link io.github.stagingtarget.console.ConnectionFailedException};
 *   <li>{@code session}: {@link io.github.stagingtarget.session.Sessions},
 *       {@link io.github.stagingtarget.session.SessionKey};
 *   <li>the doctor's command line, {@link io.github.stagingtarget.doctor.Doctor}.
 * </ul>
 *
 * <p>Every other public type is marked {@code @API(status = INTERNAL)} and may change in any release. The
 * list is kept in {@code docs/api.md}; a test fails when an internal type shows in an API signature.
 */
package io.github.stagingtarget;
