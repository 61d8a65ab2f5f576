package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One target as configured and validated, before anything has been started. The base URL may still hold
 * the {@code {port}} placeholder of a launched application.
 *
 * @param values the target's own values ({@code values { … }})
 */
@API(status = INTERNAL, since = "0.1")
public record TargetSettings(
        String name,
        boolean local,
        String baseUrl,
        Map<String, PathTemplate> paths,
        ReadySettings ready,
        VersionSettings version,
        Optional<LaunchSettings> launch,
        BrowserSettings browser,
        ConfiguredValues values) {

    public boolean needsPort() {
        return baseUrl.contains(LaunchSettings.PORT_PLACEHOLDER);
    }
}
