package io.github.stagingtarget.config;

/**
 * One leaf of a target's resolved configuration, for display.
 *
 * @param key the full key, as it would be given with {@code -D}
 * @param value the value as HOCON, with secrets masked
 * @param origin where it was set, short: {@code staging-target.conf:12}, {@code env STAGING_URL}, {@code -D…}
 * @param isDefault whether it equals the default of {@code reference.conf}
 */
public record ResolvedSetting(String key, String value, String origin, boolean isDefault) {}
