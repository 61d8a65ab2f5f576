package io.github.stagingtarget.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import org.apiguardian.api.API;

/** The application under test could not be started or did not become ready. */
@API(status = INTERNAL, since = "0.1")
public class LaunchException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
