package io.github.stagingtarget.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apiguardian.api.API;

/** The last lines of a log file, read from its end so a large log costs no more than a small one. */
@API(status = INTERNAL, since = "0.1")
public final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    public static String lastLines(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file at " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            Deque<String> tail = new ArrayDeque<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            }
            return tail.isEmpty() || (tail.size() == 1 && tail.peek().isEmpty())
                    ? "(the log " + file + " is empty)"
                    : String.join(System.lineSeparator(), tail);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
