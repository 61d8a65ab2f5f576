package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Injects a fresh REST Assured {@code RequestSpecification} preset with the target's base URI. REST Assured
 * is an optional dependency: the type is matched by name, and {@link RestAssuredSpecs} (the only class that
 * links against it) is loaded only when a test asks for one. Each specification records its exchanges for
 * the test that uses it ({@link HttpRecordingScope}).
 */
final class RequestSpecificationResolver implements TypedResolver {

    private static final String TYPE = "io.restassured.specification.RequestSpecification";

    @Override
    public boolean supports(Class<?> type) {
        return type.getName().equals(TYPE);
    }

    @Override
    public Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type) {
        var recording = HttpRecordingScope.recordingFor(context);
        return recording == null ? RestAssuredSpecs.forTarget(target) : RestAssuredSpecs.forTarget(target, recording);
    }

    @Override
    public boolean servesNamedServices() {
        return true;
    }
}
