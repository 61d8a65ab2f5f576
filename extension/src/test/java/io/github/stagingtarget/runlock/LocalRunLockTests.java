package io.github.stagingtarget.runlock;

/** The run lock's contract through the local console: each command a local {@code sh -s}. */
class LocalRunLockTests extends RunLockContract {

    @Override
    String console() {
        return "console.type = local";
    }
}
