package io.github.stagingtarget.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starting a process as the leader of a new session (util-linux {@code setsid}), so that its descendants
 * stay findable by session id after re-parenting to init, and a terminal's Ctrl-C or hang-up does not reach
 * it behind the test JVM's back. Java cannot call {@code setsid(2)} itself.
 */
final class Setsid {

    private static final Optional<Path> SETSID = find();

    private Setsid() {}

    /** The command prefix that starts a new session; empty where there is no {@code setsid}. */
    static List<String> newSession() {
        return SETSID.map(path -> List.of(path.toString())).orElse(List.of());
    }

    private static Optional<Path> find() {
        List<String> directories = new ArrayList<>(List.of("/usr/bin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(File.pathSeparator)));
        }
        return directories.stream()
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "setsid"))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }
}
