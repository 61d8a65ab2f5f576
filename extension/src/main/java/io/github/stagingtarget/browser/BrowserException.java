package io.github.stagingtarget.browser;

import io.github.stagingtarget.StagingTargetException;

/**
 * A browser could not be started or used: the message says what was looked for, where it was configured
 * and how to fix it (for example which package to install).
 */
public final class BrowserException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public BrowserException(String message) {
        super(message);
    }

    public BrowserException(String message, Throwable cause) {
        super(message, cause);
    }
}
