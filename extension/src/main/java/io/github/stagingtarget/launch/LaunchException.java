package io.github.stagingtarget.launch;

import io.github.stagingtarget.StagingTargetException;

/** The application under test could not be started or did not become ready. */
public class LaunchException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
