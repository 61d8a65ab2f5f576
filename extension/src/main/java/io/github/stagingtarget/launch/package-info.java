/**
 * Starting the application under test for a local target, and stopping it with its process tree.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.launch;
