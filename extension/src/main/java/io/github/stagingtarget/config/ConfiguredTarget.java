package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.Target;
import io.github.stagingtarget.TargetValues;
import io.github.stagingtarget.run.RunId;
import io.github.stagingtarget.secrets.SecretMask;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * A {@link Target} whose base URLs are final: any {@code {port}} has been filled in. It is the target's
 * default service (its {@code base-url}), or, from {@link #service}, one of its named services.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfiguredTarget implements Target {

    private final TargetSettings definition;
    private final URI defaultUri;
    private final Map<String, URI> serviceUris;
    private final Optional<ServiceSettings> service;
    private final URI baseUri;

    private ConfiguredTarget(
            TargetSettings definition,
            URI defaultUri,
            Map<String, URI> serviceUris,
            Optional<ServiceSettings> service) {
        this.definition = definition;
        this.defaultUri = defaultUri;
        this.serviceUris = serviceUris;
        this.service = service;
        this.baseUri = service.map(s -> serviceUris.get(s.name())).orElse(defaultUri);
    }

    /** For a target whose base URLs have no {@code {port}}. */
    public static ConfiguredTarget of(TargetSettings definition) {
        if (definition.needsPort()) {
            throw new IllegalStateException(
                    "Target '" + definition.name() + "' needs the port of its launched application");
        }
        return filled(definition, UnaryOperator.identity());
    }

    /** For a target whose application listens on {@code port}. */
    public static ConfiguredTarget onPort(TargetSettings definition, int port) {
        return filled(definition, url -> url.replace(LaunchSettings.PORT_PLACEHOLDER, Integer.toString(port)));
    }

    private static ConfiguredTarget filled(TargetSettings definition, UnaryOperator<String> fill) {
        Map<String, URI> services = new LinkedHashMap<>();
        definition.services().forEach((name, service) -> services.put(name, URI.create(fill.apply(service.baseUrl()))));
        return new ConfiguredTarget(
                definition,
                URI.create(fill.apply(definition.baseUrl())),
                Collections.unmodifiableMap(services),
                Optional.empty());
    }

    public TargetSettings definition() {
        return definition;
    }

    /** The named service this is, or empty for the target's default service (its {@code base-url}). */
    public Optional<String> serviceName() {
        return service.map(ServiceSettings::name);
    }

    /** The path that answers once this service is ready: its own {@code ready.path}, else the target's. */
    public String readyPath() {
        return service.map(ServiceSettings::readyPath).orElse(definition.ready().path());
    }

    /** This service's version gate. */
    public VersionSettings version() {
        return service.map(ServiceSettings::version).orElse(definition.version());
    }

    /** This target or service in a message: {@code Target 'staging'}, {@code Service 'api' of target 'staging'}. */
    public String label() {
        return service.map(s -> "Service '" + s.name() + "' of target '" + name() + "'")
                .orElse("Target '" + name() + "'");
    }

    /** The full key of one of this target's or service's settings, e.g. {@code …services.api.ready.path}. */
    public String key(String relativeKey) {
        return ConfigLoader.ROOT + ".targets." + name()
                + service.map(s -> ".services." + s.name()).orElse("") + "." + relativeKey;
    }

    /** The named services, sorted by name: with the default service, what a run waits for and version-gates. */
    public List<ConfiguredTarget> namedServices() {
        return serviceUris.keySet().stream().map(this::service).toList();
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public boolean isLocal() {
        return definition.local();
    }

    @Override
    public Set<String> pathNames() {
        return Set.copyOf(paths().keySet());
    }

    @Override
    public String path(String pathName) {
        return template(pathName).template();
    }

    @Override
    public URI url(String pathName, Map<String, ?> parameters) {
        return resolve(template(pathName).expand(parameters));
    }

    @Override
    public URI url(String pathName, Object... parameters) {
        return resolve(template(pathName).expandPositional(parameters));
    }

    @Override
    public String runId() {
        return RunId.current().id();
    }

    @Override
    public String unique(String prefix) {
        return RunId.current().unique(prefix);
    }

    @Override
    public TargetValues values() {
        return definition.values();
    }

    @Override
    public Set<String> serviceNames() {
        return Collections.unmodifiableSet(new TreeSet<>(serviceUris.keySet()));
    }

    @Override
    public ConfiguredTarget service(String serviceName) {
        ServiceSettings named =
                serviceName == null ? null : definition.services().get(serviceName);
        if (named == null) {
            throw new IllegalArgumentException("Unknown service '" + serviceName + "' of target '" + name() + "'. "
                    + (serviceUris.isEmpty()
                            ? "It has no named services"
                            : "Its services: " + String.join(", ", serviceNames()))
                    + " (besides its base-url, the default service, which needs no name). Add it as "
                    + ConfigLoader.ROOT + ".targets." + name() + ".services." + serviceName
                    + " { base-url = \"https://...\" }.");
        }
        return new ConfiguredTarget(definition, defaultUri, serviceUris, Optional.of(named));
    }

    /** Joins a path onto the base URI, keeping the base's own path (a staging app may live under /app/). */
    public URI resolve(String path) {
        String base = baseUri.toString();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return URI.create(base + relative);
    }

    private Map<String, PathTemplate> paths() {
        return service.map(ServiceSettings::paths).orElse(definition.paths());
    }

    private PathTemplate template(String pathName) {
        PathTemplate template = paths().get(pathName);
        if (template == null) {
            String where = service.map(s -> "services." + s.name() + ".paths").orElse("paths");
            throw new IllegalArgumentException("Unknown path '" + pathName + "' for "
                    + label().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + label().substring(1)
                    + ". Known paths: "
                    + String.join(", ", new TreeSet<>(paths().keySet()))
                    + ". Add it under staging-target.defaults." + where + " (all targets) or staging-target.targets."
                    + name() + "." + where + ".");
        }
        return template;
    }

    @Override
    public String toString() {
        return service.map(s -> "Service " + s.name() + " of target ").orElse("Target ") + name() + " at "
                + SecretMask.redact(baseUri.toString());
    }
}
