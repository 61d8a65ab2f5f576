package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The common type of every problem StagingTarget reports: bad configuration, an application that did not
 * start, a target that is down or runs the wrong build, an unreachable server, a failing fixture, a browser
 * that cannot start. The message always says what was expected, what was found and where it came from,
 * and never contains a secret.
 *
 * <pre>{@code
 * try {
 *     console.run("app db migrate").requireSuccess();
 * } catch (StagingTargetException e) {
 *     // one clear message, e.g. naming the command, its exit code and the tail of its output
 * }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public class StagingTargetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StagingTargetException(String message) {
        super(message);
    }

    public StagingTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
