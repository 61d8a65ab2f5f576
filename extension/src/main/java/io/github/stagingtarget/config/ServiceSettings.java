package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * One named service of a target ({@code services { api { … } }}): its own base URL, named paths, readiness
 * path and version gate. The target's plain {@code base-url} is the default service, not one of these.
 *
 * @param baseUrl may hold the {@code {port}} of the target's launched application
 * @param readyPath the service's {@code ready.path}, else the target's
 */
@API(status = INTERNAL, since = "0.2")
public record ServiceSettings(
        String name, String baseUrl, Map<String, PathTemplate> paths, String readyPath, VersionSettings version) {

    public boolean needsPort() {
        return baseUrl.contains(LaunchSettings.PORT_PLACEHOLDER);
    }
}
