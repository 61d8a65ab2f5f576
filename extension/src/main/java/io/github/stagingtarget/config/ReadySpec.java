package io.github.stagingtarget.config;

import java.time.Duration;

/**
 * When a target counts as ready: its {@code path} answers with a status below 400 within {@code timeout},
 * polled every {@code interval}. A remote target is only waited for if {@code enabled}; a launched
 * application always is.
 */
public record ReadySpec(boolean enabled, String path, Duration timeout, Duration interval) {}
