package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.stagingtarget.internal.FixtureAnnotationCheck;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Creates pre-authenticated sessions for these users with the configured {@code session.command}, in the
 * same round trip to the server as the class's (or test's) {@link ResetDatabase} and {@link Seed}: after
 * the reset and the seeds, so the users may come from a seed file. The first
 * {@link io.github.stagingtarget.session.Sessions#create(String)} for such a user in the class (or test)
 * returns the key made then, at no further cost; later calls create new ones.
 *
 * <pre>{@code
 * @StagingTarget
 * @ResetDatabase
 * @Seed("fixtures/edith.json")
 * @PreAuthenticated("edith@example.com")
 * class LoggedInUserIT {
 *     @Test
 *     void seesHerLists(Browser browser, Sessions sessions) {
 *         browser.logIn(sessions.create("edith@example.com")).open("home");   // no extra command
 *     }
 * }
 * }</pre>
 *
 * <p>Creating a session changes no existing data, so unlike resets and seeds it is not refused by the
 * production guard ({@code fixtures.allowed}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
// Fails where @StagingTarget, which runs fixtures, is missing, instead of doing nothing.
@ExtendWith(FixtureAnnotationCheck.class)
@API(status = EXPERIMENTAL, since = "0.1")
public @interface PreAuthenticated {

    /** The users' e-mail addresses, as the session command expects them. */
    String[] value();
}
