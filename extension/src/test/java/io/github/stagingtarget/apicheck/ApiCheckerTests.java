package io.github.stagingtarget.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.apicheck.sample.ApiSamples;
import io.github.stagingtarget.apicheck.sample.impl.InternalSamples;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker behind {@link PublicApiTests} finds each kind of break, on small classes made to break it. */
class ApiCheckerTests {

    private static final String SAMPLES = "io.github.stagingtarget.apicheck.sample";
    private static final String HIDDEN = InternalSamples.Hidden.class.getName();

    private final ApiChecker checker = new ApiChecker(SAMPLES, Set.of(SAMPLES), List.of("java."));

    private List<String> violations(Class<?> type) {
        return checker.violations(List.of(type));
    }

    @Test
    void acceptsApiTypesThatNameOnlyApiAndAllowedTypes() {
        assertThat(violations(ApiSamples.Good.class)).isEmpty();
        assertThat(violations(ApiSamples.PrivateUseOnly.class)).isEmpty();
        assertThat(violations(ApiSamples.MarkedInternal.class)).isEmpty();
        assertThat(violations(InternalSamples.Hidden.class)).isEmpty();
    }

    @Test
    void findsAnUnmarkedPublicTypeInAnApiPackage() {
        assertThat(violations(ApiSamples.Unmarked.class))
                .containsExactly(ApiSamples.Unmarked.class.getName() + ": public type in an API package without @API");
    }

    @Test
    void findsAPublicTypeOutsideTheApiPackagesThatIsNotMarkedInternal() {
        assertThat(violations(InternalSamples.UnmarkedInternal.class))
                .containsExactly(InternalSamples.UnmarkedInternal.class.getName()
                        + ": public type without @API(status = INTERNAL)");
        assertThat(violations(InternalSamples.StableOutsideApi.class))
                .singleElement()
                .asString()
                .contains("@API(status = STABLE) outside the API packages");
    }

    @Test
    void findsAnInternalTypeInAReturnType() {
        assertThat(violations(ApiSamples.ReturnsInternal.class))
                .containsExactly(ApiSamples.ReturnsInternal.class.getName() + ".hidden() returns exposes " + HIDDEN
                        + " (internal)");
    }

    @Test
    void findsATypeMarkedInternalEvenInAnApiPackage() {
        assertThat(violations(ApiSamples.ReturnsMarkedInternal.class))
                .containsExactly(ApiSamples.ReturnsMarkedInternal.class.getName() + ".marked() returns exposes "
                        + ApiSamples.MarkedInternal.class.getName() + " (internal)");
    }

    @Test
    void findsAnInternalTypeInAGenericArgument() {
        assertThat(violations(ApiSamples.GenericArgument.class))
                .singleElement()
                .asString()
                .contains(HIDDEN);
    }

    @Test
    void findsAnInternalTypeInAConstructorAFieldASupertypeABoundAndAnAnnotationMember() {
        assertThat(violations(ApiSamples.ConstructorParameter.class))
                .containsExactly(ApiSamples.ConstructorParameter.class.getName() + ".<init> parameter exposes " + HIDDEN
                        + " (internal)");
        assertThat(violations(ApiSamples.ProtectedField.class))
                .containsExactly(
                        ApiSamples.ProtectedField.class.getName() + ".hidden exposes " + HIDDEN + " (internal)");
        assertThat(violations(ApiSamples.Supertype.class))
                .containsExactly(ApiSamples.Supertype.class.getName() + " extends exposes " + HIDDEN + " (internal)");
        assertThat(violations(ApiSamples.BoundedMethod.class))
                .contains(ApiSamples.BoundedMethod.class.getName() + ".use() type parameter T exposes " + HIDDEN
                        + " (internal)");
        assertThat(violations(ApiSamples.AnnotationMember.class))
                .containsExactly(ApiSamples.AnnotationMember.class.getName() + ".value() returns exposes " + HIDDEN
                        + " (internal)");
    }

    @Test
    void findsAThirdPartyTypeThatIsNotAllowed() {
        assertThat(violations(ApiSamples.ThirdParty.class))
                .containsExactly(ApiSamples.ThirdParty.class.getName()
                        + ".config() returns exposes com.typesafe.config.Config (third-party, not allowed in the API)");
    }

    @Test
    void readsTheClassesOfADirectory() {
        assertThat(ApiChecker.classesBeside(ApiSamples.class, SAMPLES))
                .contains(ApiSamples.class, ApiSamples.Unmarked.class, InternalSamples.Hidden.class);
    }
}
