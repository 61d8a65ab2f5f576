package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import org.apiguardian.api.API;

/**
 * A configuration problem: the message names the key, where it was defined (file and line, as Typesafe
 * Config reports it), what was expected and what was found.
 */
@API(status = INTERNAL, since = "0.1")
public class TargetConfigException extends StagingTargetException {

    private static final long serialVersionUID = 1L;

    public TargetConfigException(String message) {
        super(message);
    }

    public TargetConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
