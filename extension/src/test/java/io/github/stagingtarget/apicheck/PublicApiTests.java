package io.github.stagingtarget.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.stagingtarget.StagingTarget;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The public API is what docs/api.md lists: the types of these packages marked {@code @API}; every other
 * public type is {@code @API(status = INTERNAL)} and never appears in an API signature.
 */
class PublicApiTests {

    static final Set<String> API_PACKAGES = Set.of(
            "io.github.stagingtarget",
            "io.github.stagingtarget.console",
            "io.github.stagingtarget.session",
            "io.github.stagingtarget.mail",
            "io.github.stagingtarget.doctor");

    /** Third-party types an API signature may name: the JDK, JUnit, Selenium WebDriver and REST Assured. */
    static final List<String> ALLOWED = List.of("java.", "org.junit.", "org.openqa.selenium.", "io.restassured.");

    private final List<Class<?>> classes = ApiChecker.classesBeside(StagingTarget.class, "io.github.stagingtarget");

    @Test
    void apiSignaturesNameOnlyApiTypesAndEveryPublicTypeIsMarked() {
        assertThat(new ApiChecker("io.github.stagingtarget", API_PACKAGES, ALLOWED).violations(classes))
                .isEmpty();
    }

    @Test
    void theApiIsExactlyTheListedTypes() {
        List<String> api = classes.stream()
                .filter(type -> API_PACKAGES.contains(type.getPackageName()))
                .filter(type -> java.lang.reflect.Modifier.isPublic(type.getModifiers()))
                .filter(type -> type.getAnnotation(org.apiguardian.api.API.class) != null
                        && type.getAnnotation(org.apiguardian.api.API.class).status()
                                != org.apiguardian.api.API.Status.INTERNAL)
                .map(Class::getName)
                .sorted()
                .toList();
        assertThat(api)
                .containsExactly(
                        "io.github.stagingtarget.Browser",
                        "io.github.stagingtarget.BrowserReuse",
                        "io.github.stagingtarget.BrowserReuse$Policy",
                        "io.github.stagingtarget.DisabledOnTarget",
                        "io.github.stagingtarget.EnabledOnTarget",
                        "io.github.stagingtarget.PreAuthenticated",
                        "io.github.stagingtarget.ResetDatabase",
                        "io.github.stagingtarget.Seed",
                        "io.github.stagingtarget.Service",
                        "io.github.stagingtarget.StagingTarget",
                        "io.github.stagingtarget.StagingTargetException",
                        "io.github.stagingtarget.Target",
                        "io.github.stagingtarget.TargetValues",
                        "io.github.stagingtarget.console.CommandFailedException",
                        "io.github.stagingtarget.console.CommandResult",
                        "io.github.stagingtarget.console.CommandTimedOutException",
                        "io.github.stagingtarget.console.ConnectionFailedException",
                        "io.github.stagingtarget.console.ConsoleException",
                        "io.github.stagingtarget.console.ServerConsole",
                        "io.github.stagingtarget.console.Shell",
                        "io.github.stagingtarget.doctor.Doctor",
                        "io.github.stagingtarget.mail.MailFilter",
                        "io.github.stagingtarget.mail.MailMessage",
                        "io.github.stagingtarget.mail.MailTimeoutException",
                        "io.github.stagingtarget.mail.Mailbox",
                        "io.github.stagingtarget.mail.MailboxException",
                        "io.github.stagingtarget.session.SessionKey",
                        "io.github.stagingtarget.session.Sessions");
    }
}
