package io.github.stagingtarget.config;

/** The chosen target name and what chose it, e.g. "system property 'target'", for error messages. */
public record TargetSelection(String name, String chosenBy) {}
