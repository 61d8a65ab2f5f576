package io.github.stagingtarget.config;

import java.time.Duration;

/**
 * When a target counts as ready: its {@code path} answers with a status below 400 within {@code timeout},
 * polled every {@code interval}.
 */
public record ReadySpec(String path, Duration timeout, Duration interval) {}
