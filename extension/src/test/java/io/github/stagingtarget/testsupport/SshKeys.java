package io.github.stagingtarget.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Client key pairs made by OpenSSH's own ssh-keygen, so they are in the format users have. */
public final class SshKeys {

    private SshKeys() {}

    /** Writes {@code name} and {@code name.pub} into {@code dir}; returns the private key file. */
    public static Path generate(Path dir, String name, String type, String passphrase) {
        Path key = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "staging-target-test", "-f", key.toString());
        return key;
    }

    public static Path publicKey(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    static void run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
