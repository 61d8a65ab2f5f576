package io.github.stagingtarget.runlock;

import io.github.stagingtarget.console.Shell;
import java.time.Duration;

/**
 * The POSIX {@code sh} scripts of the run lock. The holder opens the lock file on descriptor 9 of the shell
 * itself, takes {@code flock} on it (waiting in steps, and saying who holds it before each step), writes who
 * it is next to it, prints {@link #TAKEN}, and then blocks in {@code read} on its standard input. That input
 * is the console's pipe or SSH channel: when the run closes it, or the JVM dies, or the connection drops, the
 * {@code read} ends, the shell exits and the kernel drops the lock with the shell's last descriptor. No
 * process is left that could outlive the run and keep the lock: {@code flock -w} only waits, and exits.
 */
final class RunLockScripts {

    static final String PREFIX = "STAGING_TARGET_RUN_LOCK ";
    static final String TAKEN = PREFIX + "TAKEN";
    static final String HELD_BY = PREFIX + "HELD-BY ";
    static final String FREE = PREFIX + "FREE ";
    static final String NEVER_TAKEN = PREFIX + "NEVER-TAKEN";
    static final String NO_FLOCK = PREFIX + "NO-FLOCK";

    /** The script's exit code when the wait ran out. */
    static final int WAIT_RAN_OUT = 75;
    /** The script's exit code when the server has no {@code flock}. */
    static final int NO_FLOCK_EXIT = 69;

    /** How long one {@code flock -w} step waits before the script says again who holds the lock. */
    static final int STEP_SECONDS = 5;

    private RunLockScripts() {}

    static String holder(RunLockSettings settings, String owner, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return String.join(
                "\n",
                "lock=" + Shell.quote(settings.lockFile()),
                "holder=" + Shell.quote(settings.holderFile()),
                "command -v flock >/dev/null 2>&1 || { echo '" + NO_FLOCK + "'; exit " + NO_FLOCK_EXIT + "; }",
                "mkdir -p -- " + Shell.quote(settings.directory()) + " || exit 1",
                // Readable and writable by every account that runs tests on this server.
                "[ -e \"$lock\" ] || (umask 0; : >>\"$lock\") || exit 1",
                "exec 9<\"$lock\" || exit 1",
                "if ! flock -n 9; then",
                "  waited=0",
                "  while :; do",
                "    echo \"" + HELD_BY + "$(head -n 1 -- \"$holder\" 2>/dev/null)\"",
                "    [ \"$waited\" -lt " + seconds + " ] || exit " + WAIT_RAN_OUT,
                "    step=$((" + seconds + " - waited)); [ \"$step\" -le " + STEP_SECONDS + " ] || step="
                        + STEP_SECONDS,
                "    flock -w \"$step\" 9 && break",
                "    waited=$((waited + step))",
                "  done",
                "fi",
                "(umask 0; printf '%s\\n' " + Shell.quote(owner) + " >\"$holder\") 2>/dev/null",
                "echo '" + TAKEN + "'",
                // Blocks until the run closes our standard input, or dies with its connection.
                "read -r _ended || :",
                "");
    }

    /** For the doctor: whether the lock is held right now, and by whom; takes nothing, creates nothing. */
    static String status(RunLockSettings settings) {
        return String.join(
                "\n",
                "lock=" + Shell.quote(settings.lockFile()),
                "holder=" + Shell.quote(settings.holderFile()),
                "command -v flock >/dev/null 2>&1 || { echo '" + NO_FLOCK + "'; exit 0; }",
                "[ -e \"$lock\" ] || { echo '" + NEVER_TAKEN + "'; exit 0; }",
                "exec 9<\"$lock\" || exit 1",
                "last=$(head -n 1 -- \"$holder\" 2>/dev/null)",
                "if flock -n 9; then echo \"" + FREE + "$last\"; else echo \"" + HELD_BY + "$last\"; fi",
                "");
    }
}
