package io.github.stagingtarget.config;

/**
 * The chosen target name and what chose it, for messages: {@code -Dtarget}, {@code environment variable
 * STAGING_TARGET}, {@code JUnit configuration parameter 'stagingtarget.target'}, {@code key
 * staging-target.default-target (staging-target.conf:3)}, {@code default}, or the doctor's {@code --target}.
 */
public record TargetSelection(String name, String chosenBy) {}
