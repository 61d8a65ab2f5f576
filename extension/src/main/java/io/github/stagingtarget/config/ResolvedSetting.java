package io.github.stagingtarget.config;

/** One leaf of a target's resolved configuration, for display: its full key, value (masked if secret) and origin. */
public record ResolvedSetting(String key, String value, String origin) {}
