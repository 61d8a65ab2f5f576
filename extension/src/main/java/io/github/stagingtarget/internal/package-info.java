/**
 * The JUnit glue: the extension, its parameter resolvers and conditions.
 *
 * <p>Internal: not API. It may change in any release.
 */
package io.github.stagingtarget.internal;
