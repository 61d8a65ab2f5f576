package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.apiguardian.api.API;

/**
 * Overrides, for one test class (and its {@code @Nested} classes), how long an injected browser lives.
 * Without it, the configuration key {@code browser.reuse} decides (default {@code per-class}).
 *
 * <pre>{@code
 * @StagingTarget
 * @BrowserReuse(BrowserReuse.Policy.PER_TEST)   // this class logs in and out: give each test its own browser
 * class LoginIT {
 *     @Test
 *     void logsIn(Browser browser) {
 *         browser.open("login").findElement(By.id("user")).sendKeys("alice");
 *     }
 * }
 * }</pre>
 *
 * <p>A reused browser is cleared between tests: cookies, local and session storage, extra windows, and
 * the page is back to {@code about:blank}. Each thread gets its own browser, so parallel tests never share
 * one. See {@code docs/browser.md} for the trade-offs.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@java.lang.annotation.Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@API(status = EXPERIMENTAL, since = "0.1")
public @interface BrowserReuse {

    /** How long a browser lives. */
    Policy value();

    /** How long a browser lives, and where it is quit. */
    @API(status = EXPERIMENTAL, since = "0.1")
    enum Policy {
        /** A new browser for every test, quit after its {@code @AfterEach} methods (config {@code per-test}). */
        PER_TEST,
        /** One browser per test class and thread, quit after {@code @AfterAll} (config {@code per-class}). */
        PER_CLASS,
        /** One browser per thread for the whole run, quit when the run ends (config {@code per-run}). */
        PER_RUN;

        /** The configuration spelling, such as {@code per-class}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
