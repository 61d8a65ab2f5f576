package io.github.stagingtarget.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.Target;
import io.github.stagingtarget.TargetValues;
import io.github.stagingtarget.run.RunId;
import io.github.stagingtarget.secrets.SecretMask;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/** A {@link Target} whose base URL is final: any {@code {port}} has been filled in. */
@API(status = INTERNAL, since = "0.1")
public final class ConfiguredTarget implements Target {

    private final TargetSettings definition;
    private final URI baseUri;

    private ConfiguredTarget(TargetSettings definition, URI baseUri) {
        this.definition = definition;
        this.baseUri = baseUri;
    }

    /** For a target whose base URL has no {@code {port}}. */
    public static ConfiguredTarget of(TargetSettings definition) {
        if (definition.needsPort()) {
            throw new IllegalStateException(
                    "Target '" + definition.name() + "' needs the port of its launched application");
        }
        return new ConfiguredTarget(definition, URI.create(definition.baseUrl()));
    }

    /** For a target whose application listens on {@code port}. */
    public static ConfiguredTarget onPort(TargetSettings definition, int port) {
        return new ConfiguredTarget(
                definition,
                URI.create(definition.baseUrl().replace(LaunchSettings.PORT_PLACEHOLDER, Integer.toString(port))));
    }

    public TargetSettings definition() {
        return definition;
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
        return Set.copyOf(definition.paths().keySet());
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

    /** Joins a path onto the base URI, keeping the base's own path (a staging app may live under /app/). */
    public URI resolve(String path) {
        String base = baseUri.toString();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return URI.create(base + relative);
    }

    private PathTemplate template(String pathName) {
        PathTemplate template = definition.paths().get(pathName);
        if (template == null) {
            throw new IllegalArgumentException("Unknown path '" + pathName + "' for target '" + name()
                    + "'. Known paths: "
                    + String.join(", ", new TreeSet<>(definition.paths().keySet()))
                    + ". Add it under staging-target.defaults.paths (all targets) or staging-target.targets."
                    + name() + ".paths.");
        }
        return template;
    }

    @Override
    public String toString() {
        return "Target " + name() + " at " + SecretMask.redact(baseUri.toString());
    }
}
