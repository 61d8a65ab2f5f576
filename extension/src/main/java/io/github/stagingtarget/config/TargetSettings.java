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
 * @param services the named services ({@code services { api { … } }}), sorted by name; the base URL is the
 *     default service
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
        ConfiguredValues values,
        Map<String, ServiceSettings> services,
        HttpSettings http) {

    /** Whether the base URL, or a service's, waits for the port of the launched application. */
    public boolean needsPort() {
        return baseUrl.contains(LaunchSettings.PORT_PLACEHOLDER)
                || services.values().stream().anyMatch(ServiceSettings::needsPort);
    }
}
