package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named pipes that let a test and a command it started wait for each other without sleeping: opening a
 * FIFO blocks until the other side opens it too.
 */
public final class Fifos {

    private Fifos() {}

    public static Path create(Path path) {
        SshKeys.run("mkfifo", path.toString());
        return path;
    }

    /** Returns once a command has opened the FIFO for writing and closed it ({@code echo > FIFO}). */
    public static void awaitWriter(Path fifo) {
        try (InputStream in = Files.newInputStream(fifo)) {
            in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets a command that reads the FIFO ({@code cat FIFO}) go on. */
    public static void release(Path fifo) {
        try (OutputStream out = Files.newOutputStream(fifo)) {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
