package io.github.stagingtarget.browser;

/** Who this JVM runs as, where it matters to a browser. */
final class RunningUser {

    private RunningUser() {}

    /** True when this JVM runs as root (uid 0), on a Unix-like system. */
    static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException notUnix) {
            // Windows has no root, and a JDK without jdk.security.auth cannot tell: keep the sandbox.
            return false;
        }
    }
}
