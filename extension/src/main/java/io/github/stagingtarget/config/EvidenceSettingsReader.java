package io.github.stagingtarget.config;

/** Reads a target's {@code evidence} keys into {@link EvidenceSettings}. */
final class EvidenceSettingsReader {

    /** A body larger than this is no longer evidence but a download; and every kept byte stays in memory. */
    private static final long MAX_BODY_LIMIT = 16L * 1024 * 1024;

    private EvidenceSettingsReader() {}

    static EvidenceSettings read(ConfigReader target) {
        ConfigReader evidence = target.child("evidence");
        return new EvidenceSettings(
                evidence.bool("http-exchanges"),
                (int) evidence.bytes("http-body-limit", 0, MAX_BODY_LIMIT),
                evidence.number("http-max-exchanges", 1, 10_000));
    }
}
