package io.github.stagingtarget.console.ssh;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Host key renderings the way OpenSSH prints them, so users can compare them with {@code ssh-keygen -l}. */
final class Fingerprints {

    private Fingerprints() {}

    /** {@code SHA256:<base64 without padding>} of the key blob, as {@code ssh-keygen -lf} shows it. */
    static String sha256(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The key type name, e.g. {@code ssh-ed25519}. */
    static String type(PublicKey key) {
        return KeyType.fromKey(key).toString();
    }

    /** The short name ssh-keygen and ssh-keyscan use for the key's type: ed25519, ecdsa or rsa. */
    static String shortType(PublicKey key) {
        String type = type(key);
        if (type.startsWith("ecdsa-")) {
            return "ecdsa";
        }
        return type.startsWith("ssh-") ? type.substring(4) : type;
    }

    /** A known_hosts line for {@code hostPattern} ({@code host} or {@code [host]:port}). */
    static String knownHostsLine(String hostPattern, PublicKey key) {
        return hostPattern + " " + type(key) + " " + Base64.getEncoder().encodeToString(blob(key));
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
