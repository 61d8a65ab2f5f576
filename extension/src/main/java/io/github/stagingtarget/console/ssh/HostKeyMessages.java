package io.github.stagingtarget.console.ssh;

import io.github.stagingtarget.console.ssh.KnownHostsVerifier.Refusal;
import java.security.PublicKey;

/** The explanations for refused host keys: what was offered, and the exact commands to act on it. */
final class HostKeyMessages {

    private HostKeyMessages() {}

    static String refusal(Refusal refusal, SshSettings settings) {
        PublicKey key = refusal.key();
        String offered = Fingerprints.type(key) + " " + Fingerprints.sha256(key);
        String file = settings.knownHosts().toString();
        String keyscan = "ssh-keyscan" + (settings.port() == 22 ? "" : " -p " + settings.port()) + " -t "
                + Fingerprints.shortType(key) + " " + settings.host() + " >> " + file;
        String nl = System.lineSeparator();
        if (refusal.verdict() == KnownHostsVerifier.Verdict.CHANGED) {
            return "the host key of " + refusal.hostPattern() + " has CHANGED. The server offered " + offered
                    + ", which does not match the " + String.join(" or ", refusal.recorded())
                    + (refusal.recorded().size() == 1 ? " key" : " keys") + " recorded for it in "
                    + file + " (ssh.known-hosts). This may be a "
                    + "man-in-the-middle attack; or the server was reinstalled. Only if you know the key changed "
                    + "legitimately, remove the old entry with" + nl
                    + "  ssh-keygen -R '" + refusal.hostPattern() + "' -f " + file + nl
                    + "and trust the new one (ssh.host-key-policy = accept-new never replaces a changed key)";
        }
        return "its host key is not in the known_hosts file " + file + " (ssh.known-hosts). The server offered "
                + offered + ". Compare it with the server's own fingerprint (run ssh-keygen -lf "
                + "/etc/ssh/ssh_host_" + Fingerprints.shortType(key) + "_key.pub on the server), then "
                + "trust it by adding this line to " + file + ":" + nl
                + "  " + Fingerprints.knownHostsLine(refusal.hostPattern(), key) + nl
                + "or run" + nl
                + "  " + keyscan + nl
                + "or set ssh.host-key-policy = accept-new to record a first-seen key automatically";
    }
}
