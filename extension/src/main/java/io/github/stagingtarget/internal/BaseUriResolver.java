package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import java.net.URI;
import org.junit.jupiter.api.extension.ExtensionContext;

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
