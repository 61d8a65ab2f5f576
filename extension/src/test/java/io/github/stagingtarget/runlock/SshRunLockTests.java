package io.github.stagingtarget.runlock;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.stagingtarget.testsupport.OpenSshServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run lock's contract over SSH, against Debian's real OpenSSH sshd: the holding shell is a child of sshd,
 * and a killed run's lock is released because sshd closes the channel's standard input when the connection
 * goes.
 */
class SshRunLockTests extends RunLockContract {

    @TempDir
    static Path sshdDir;

    private static OpenSshServer sshd;

    @BeforeAll
    static void startSshd() {
        assumeTrue(OpenSshServer.available(), "skipped: " + OpenSshServer.SSHD + " is not installed");
        sshd = OpenSshServer.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Override
    String console() {
        return "ssh { host = \"127.0.0.1\", port = %d, user = \"%s\", identity = \"%s\", known-hosts = \"%s\" }"
                .formatted(sshd.port(), OpenSshServer.user(), sshd.clientKey(), sshd.knownHosts());
    }
}
