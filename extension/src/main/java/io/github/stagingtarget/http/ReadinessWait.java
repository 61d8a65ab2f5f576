package io.github.stagingtarget.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.StagingTargetException;
import io.github.stagingtarget.config.ReadySettings;
import io.github.stagingtarget.secrets.SecretMask;
import org.apiguardian.api.API;

/** Polls a {@link ReadinessProbe} until it answers or the spec's timeout passes. */
@API(status = INTERNAL, since = "0.1")
public final class ReadinessWait {

    /** Checked before every attempt, e.g. "is the launched process still alive?"; throws to give up early. */
    @FunctionalInterface
    @API(status = INTERNAL, since = "0.1")
    public interface Precondition {
        void check();
    }

    private ReadinessWait() {}

    /**
     * Returns once the probe answered.
     *
     * @throws NotReadyException when the timeout passed; its message says what the last attempt saw
     */
    public static void await(ReadinessProbe probe, ReadySettings spec, Precondition precondition)
            throws InterruptedException {
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        while (true) {
            precondition.check();
            if (probe.isReady()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new NotReadyException(
                        "did not answer " + SecretMask.redact(probe.url().toString()) + " within "
                                + spec.timeout().toMillis() / 1000.0 + " s (last: " + probe.lastProblem() + ")");
            }
            Thread.sleep(spec.interval().toMillis());
        }
    }

    /** The target did not become ready in time. */
    @API(status = INTERNAL, since = "0.1")
    public static final class NotReadyException extends StagingTargetException {

        private static final long serialVersionUID = 1L;

        NotReadyException(String message) {
            super(message);
        }
    }
}
