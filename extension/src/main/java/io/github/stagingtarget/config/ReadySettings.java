package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * When a target counts as ready: its {@code path} answers with a status below 400 within {@code timeout},
 * polled every {@code interval}. A remote target is only waited for if {@code enabled}; a launched
 * application always is.
 */
@API(status = INTERNAL, since = "0.1")
public record ReadySettings(boolean enabled, String path, Duration timeout, Duration interval) {}
