package io.github.stagingtarget.session;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A session key for a user, with the name of the cookie that carries it. Its {@link #toString()} hides the
 * value, so a key never ends up in a log or report by accident.
 *
 * <pre>{@code
 * SessionKey key = sessions.create("ada@example.com");
 * api.cookie(key.cookieName(), key.value()).get("/lists/").then().statusCode(200);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SessionKey(String cookieName, String value) {

    @Override
    public String toString() {
        return "SessionKey[" + cookieName + "=****]";
    }
}
