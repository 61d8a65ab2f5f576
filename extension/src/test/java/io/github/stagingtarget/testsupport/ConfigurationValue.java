package io.github.stagingtarget.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fixture's {@code String} parameter that receives the JUnit configuration parameter of this name, as
 * the test handed it to the test kit: per run, where a system property would be shared by every test
 * class running at the same time.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ConfigurationValue.Resolver.class)
public @interface ConfigurationValue {

    /** The configuration parameter's key. */
    String value();

    final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.isAnnotated(ConfigurationValue.class)
                    && parameter.getParameter().getType() == String.class;
        }

        @Override
        public String resolveParameter(ParameterContext parameter, ExtensionContext context) {
            String key = parameter
                    .findAnnotation(ConfigurationValue.class)
                    .orElseThrow()
                    .value();
            return context.getConfigurationParameter(key)
                    .orElseThrow(() -> new ParameterResolutionException(
                            "No configuration parameter '" + key + "' was given to the test kit"));
        }
    }
}
