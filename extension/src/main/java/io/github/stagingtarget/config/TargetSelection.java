package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The chosen target name and what chose it, for messages: {@code -Dtarget}, {@code environment variable
 * STAGING_TARGET}, {@code JUnit configuration parameter 'stagingtarget.target'}, {@code key
 * staging-target.default-target (staging-target.conf:3)}, {@code default}, or the doctor's {@code --target}.
 */
@API(status = INTERNAL, since = "0.1")
public record TargetSelection(String name, String chosenBy) {}
