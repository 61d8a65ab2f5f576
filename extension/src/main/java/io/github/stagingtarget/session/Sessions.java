package io.github.stagingtarget.session;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Creates pre-authenticated sessions on the target, so a test can start logged in without clicking through
 * the login form. Runs the configured {@code session.command} with {@code {email}} replaced by the quoted
 * address; the last non-blank line it prints is the key.
 *
 * <p>Declare a parameter of this type in a {@code @StagingTarget} test:
 *
 * <pre>{@code
 * // staging-target.conf: session { command = "app create-session {email}", cookie-name = "todo_session" }
 * @Test
 * void seesOwnLists(Sessions sessions, RequestSpecification api) {
 *     SessionKey ada = sessions.create("ada@example.com");
 *     api.cookie(ada.cookieName(), ada.value()).get("/lists/").then().statusCode(200);
 * }
 * }</pre>
 *
 * <p>Keys are secrets: they are masked in every message StagingTarget builds. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Sessions {

    /**
     * A new session key for the user with this address: one made ahead by
     * {@link io.github.stagingtarget.PreAuthenticated} if there is an unused one, else one made now.
     *
     * @param email the user's address, passed quoted to the command
     * @return the key, with the cookie name
     * @throws io.github.stagingtarget.StagingTargetException if the target has no {@code session.command} or
     *     it printed nothing
     * @throws io.github.stagingtarget.console.CommandFailedException if the command fails
     */
    SessionKey create(String email);

    /**
     * The configured cookie name ({@code session.cookie-name}).
     *
     * @return the cookie name
     */
    String cookieName();
}
