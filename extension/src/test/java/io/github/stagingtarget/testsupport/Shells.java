package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Directories to put first in a {@code PATH} so that {@code sh} is a given shell: Debian's {@code sh} is
 * dash, which reads a script from standard input in blocks; on RHEL, Fedora or Arch it is bash, which reads
 * it line by line. Both must run our scripts the same way.
 */
public final class Shells {

    private Shells() {}

    /** A directory below {@code parent} whose {@code sh} is bash. */
    public static Path bashAsSh(Path parent) {
        return link(parent.resolve("bash-as-sh"), Path.of("/bin/bash"));
    }

    /** A directory below {@code parent} whose {@code sh} is dash. */
    public static Path dashAsSh(Path parent) {
        return link(parent.resolve("dash-as-sh"), Path.of("/bin/dash"));
    }

    private static Path link(Path dir, Path shell) {
        try {
            Files.createDirectories(dir);
            Path sh = dir.resolve("sh");
            if (!Files.exists(sh, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(sh, shell);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
