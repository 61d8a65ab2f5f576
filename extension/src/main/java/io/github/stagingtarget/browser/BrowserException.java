package io.github.stagingtarget.browser;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import org.apiguardian.api.API;

/**
 * A browser could not be started or used: the message says what was looked for, where it was configured
 * and how to fix it (for example which package to install).
 */
@API(status = INTERNAL, since = "0.1")
public final class BrowserException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public BrowserException(String message) {
        super(message);
    }

    public BrowserException(String message, Throwable cause) {
        super(message, cause);
    }
}
