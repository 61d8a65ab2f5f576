package io.github.stagingtarget.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} tells about processes and sockets, which Java's {@link ProcessHandle} does not:
 * sessions and process groups, the environment a process started with, and who holds a listening socket.
 * Everything degrades to "unknown" for processes this user may not look at.
 */
final class ProcFs {

    private static final Path PROC = Path.of("/proc");
    private static final String TCP_LISTEN = "0A";

    /** One line of {@code /proc/PID/stat}, the fields used here. */
    record Stat(char state, long parent, long group, long session) {

        /** Dead, but not yet reaped by its parent (or by init): it runs nothing and cannot be signalled away. */
        boolean exited() {
            return state == 'Z' || state == 'X' || state == 'x';
        }
    }

    private ProcFs() {}

    static boolean available() {
        return Files.isRegularFile(PROC.resolve("self/stat"));
    }

    /** Every process's stat, by pid; processes that end while this runs are left out. */
    static Map<Long, Stat> processes() {
        Map<Long, Stat> processes = new HashMap<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        long pid = Long.parseLong(name);
                        stat(pid).ifPresent(stat -> processes.put(pid, stat));
                    });
        } catch (IOException e) {
            // An unreadable /proc: nothing known.
        }
        return processes;
    }

    static Optional<Stat> stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.UTF_8);
            // The command name is in parentheses and may itself contain spaces and parentheses.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(
                    fields[0].charAt(0),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]),
                    Long.parseLong(fields[3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when one of the variables the process started with matches; false when unreadable. */
    static boolean hasEnvironmentEntry(long pid, Predicate<String> entry) {
        byte[] environment;
        try {
            environment = Files.readAllBytes(PROC.resolve(pid + "/environ"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= environment.length; i++) {
            if (i == environment.length || environment[i] == 0) {
                if (i > start && entry.test(new String(environment, start, i - start, StandardCharsets.UTF_8))) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** The whole command line (Java's {@code ProcessHandle.Info} cuts long ones short, e.g. a class path). */
    static Optional<String> commandLine(long pid) {
        try {
            byte[] line = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
            String text =
                    new String(line, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The inodes of the TCP sockets (IPv4 and IPv6) listening on {@code port}, on any address. */
    static Set<Long> listeningSockets(int port) {
        Set<Long> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(PROC.resolve(table), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 10 || !TCP_LISTEN.equals(fields[3])) {
                    continue;
                }
                String local = fields[1];
                int localPort = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                if (localPort == port) {
                    inodes.add(Long.parseLong(fields[9]));
                }
            }
        }
        return inodes;
    }

    /** The inodes of the sockets the process has open; empty when this user may not look. */
    static Optional<Set<Long>> sockets(long pid) {
        Set<Long> inodes = new HashSet<>();
        List<Path> descriptors = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC.resolve(pid + "/fd"))) {
            entries.forEach(descriptors::add);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (Path descriptor : descriptors) {
            try {
                String target = Files.readSymbolicLink(descriptor).toString();
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
                }
            } catch (IOException | RuntimeException e) {
                // Closed meanwhile.
            }
        }
        return Optional.of(inodes);
    }
}
