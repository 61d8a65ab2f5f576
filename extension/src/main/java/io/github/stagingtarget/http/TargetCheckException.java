package io.github.stagingtarget.http;

/** A remote target is not ready, or runs another build than the tests expect. */
public class TargetCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TargetCheckException(String message) {
        super(message);
    }

    public TargetCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
