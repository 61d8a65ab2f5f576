package io.github.stagingtarget.apicheck.sample;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.github.stagingtarget.apicheck.sample.impl.InternalSamples.Hidden;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/** Types of an API package, each keeping or breaking one rule, for {@code ApiCheckerTests}. */
@API(status = STABLE, since = "0.1")
public final class ApiSamples {

    private ApiSamples() {}

    @API(status = STABLE, since = "0.1")
    public interface Good {
        String name();

        List<Good> children();

        Map<String, ? extends Supplier<Good>> byName();

        <T extends Good> T narrow(Class<T> type) throws IllegalStateException;
    }

    @API(status = STABLE, since = "0.1")
    public static final class PrivateUseOnly {
        private Hidden hidden;

        Hidden packageUse() {
            return hidden;
        }
    }

    public static final class Unmarked {}

    @API(status = INTERNAL, since = "0.1")
    public static final class MarkedInternal {}

    @API(status = STABLE, since = "0.1")
    public interface ReturnsInternal {
        Hidden hidden();
    }

    @API(status = STABLE, since = "0.1")
    public interface ReturnsMarkedInternal {
        MarkedInternal marked();
    }

    @API(status = STABLE, since = "0.1")
    public interface GenericArgument {
        List<? extends Hidden> all();
    }

    @API(status = STABLE, since = "0.1")
    public static final class ConstructorParameter {
        public ConstructorParameter(Hidden hidden) {}
    }

    @API(status = STABLE, since = "0.1")
    public abstract static class ProtectedField {
        protected Hidden hidden;
    }

    @API(status = STABLE, since = "0.1")
    public static class Supertype extends Hidden {}

    @API(status = STABLE, since = "0.1")
    public interface BoundedMethod {
        <T extends Hidden> void use(T value);
    }

    @API(status = STABLE, since = "0.1")
    public @interface AnnotationMember {
        Class<? extends Hidden> value();
    }

    @API(status = STABLE, since = "0.1")
    public interface ThirdParty {
        com.typesafe.config.Config config();
    }
}
