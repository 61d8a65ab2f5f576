package io.github.stagingtarget.console;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The console could not reach the server at all (refused, unknown host, host key, authentication, time-out).
 * Unlike a failing command, this concerns every test of the run: the extension reports it once and skips the
 * classes that would fail the same way.
 */
@API(status = STABLE, since = "0.1")
public class ConnectionFailedException extends ConsoleException {

    private static final long serialVersionUID = 1L;

    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
