package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.net.URI;

/** Injects the target's base {@link URI}. */
final class BaseUriResolver implements TypedResolver {

    @Override
    public boolean supports(Class<?> type) {
        return type == URI.class;
    }

    @Override
    public Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type) {
        return target.baseUri();
    }
}
