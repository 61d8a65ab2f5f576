package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One leaf of a target's resolved configuration, for display.
 *
 * @param key the full key, as it would be given with {@code -D}
 * @param value the value as HOCON, with secrets masked
 * @param origin where it was set, short: {@code staging-target.conf:12}, {@code env STAGING_URL}, {@code -D…}
 * @param isDefault whether it equals the default of {@code reference.conf}
 */
@API(status = INTERNAL, since = "0.1")
public record ResolvedSetting(String key, String value, String origin, boolean isDefault) {}
