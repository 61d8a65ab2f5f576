/**
 * Keeping the processes a run starts (the launched application and its children, browser drivers and
 * browsers) from outliving it: process trees, and the supervisor process that ends them when the test JVM
 * dies, even from {@code kill -9}.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.process;
