package io.github.stagingtarget.http;

import io.github.stagingtarget.StagingTargetException;

/** A remote target is not ready, or runs another build than the tests expect. */
public class TargetCheckException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public TargetCheckException(String message) {
        super(message);
    }

    public TargetCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
