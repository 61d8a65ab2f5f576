package io.github.stagingtarget.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import org.apiguardian.api.API;

/** A remote target is not ready, or runs another build than the tests expect. */
@API(status = INTERNAL, since = "0.1")
public class TargetCheckException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public TargetCheckException(String message) {
        super(message);
    }

    public TargetCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
