package io.github.stagingtarget.internal;

import io.github.stagingtarget.Service;
import io.github.stagingtarget.config.ConfiguredTarget;
import java.util.Optional;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Reads {@code @Service("api")} on a parameter: the named service instead of the target's default one. */
final class ServiceQualifier {

    private ServiceQualifier() {}

    static ConfiguredTarget select(ConfiguredTarget target, ParameterContext parameter, TypedResolver resolver) {
        Optional<Service> service = parameter.findAnnotation(Service.class);
        if (service.isEmpty()) {
            return target;
        }
        String qualifier = "@Service(\"" + service.get().value() + "\") on " + describe(parameter);
        if (!resolver.servesNamedServices()) {
            throw new ParameterResolutionException(qualifier + " is not supported: @Service picks a service for "
                    + "parameters of type io.github.stagingtarget.Target or io.restassured.specification."
                    + "RequestSpecification, but this one is a "
                    + parameter.getParameter().getType().getName() + ". Remove it.");
        }
        try {
            return target.service(service.get().value());
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException(qualifier + ": " + e.getMessage(), e);
        }
    }

    private static String describe(ParameterContext parameter) {
        var executable = parameter.getDeclaringExecutable();
        return "parameter " + parameter.getIndex() + " ("
                + parameter.getParameter().getType().getSimpleName()
                + ") of " + executable.getDeclaringClass().getName()
                + (executable instanceof java.lang.reflect.Constructor ? " (constructor)" : "." + executable.getName());
    }
}
