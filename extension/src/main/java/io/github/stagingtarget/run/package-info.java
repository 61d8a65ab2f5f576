/**
 * What belongs to one test run (one JVM): its id, and the run-unique names built on it ({@code RunId}).
 *
 * <p>Internal: not API. It may change in any release; use {@link io.github.stagingtarget.Target#runId()} and
 * {@link io.github.stagingtarget.Target#unique(String)}.
 */
package io.github.stagingtarget.run;
