package io.github.stagingtarget.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a failed test publishes from the server's logs: each source's output since the test started, at
 * most {@code maxLines} lines and {@code maxBytes} bytes per source (the last ones; the server cuts them,
 * so a huge log line never crosses the wire whole).
 *
 * @param sources the target's {@code logs}
 * @param maxLines {@code log-lines}
 * @param maxBytes {@code evidence.server-log-bytes}
 */
@API(status = INTERNAL, since = "0.1")
public record LogSettings(List<LogSource> sources, int maxLines, long maxBytes) {

    public LogSettings {
        sources = List.copyOf(sources);
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }
}
