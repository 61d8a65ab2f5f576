/**
 * Pre-authenticated login sessions: {@link io.github.stagingtarget.session.Sessions} creates a
 * {@link io.github.stagingtarget.session.SessionKey} for a user through a command on the server. API.
 */
package io.github.stagingtarget.session;
