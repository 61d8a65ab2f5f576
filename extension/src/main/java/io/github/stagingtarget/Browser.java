package io.github.stagingtarget;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.github.stagingtarget.session.SessionKey;
import java.net.URI;
import java.util.Map;
import org.apiguardian.api.API;
import org.openqa.selenium.WebDriver;

/**
 * A browser bound to the selected {@link Target}: opens named paths, so a test never builds an absolute
 * URL and runs unchanged on every target. Needs Selenium on the test class path.
 *
 * <p>Inject it (or the bare {@link WebDriver}; both share one browser) into a test or lifecycle method of
 * a {@link StagingTarget} class:
 *
 * <pre>{@code
 * // staging-target.conf:  paths { home = "/", list = "/lists/{id}/" }
 * @StagingTarget
 * class ListPageIT {
 *     @Test
 *     void showsTheItems(Browser browser) {
 *         WebDriver page = browser.open("list", Map.of("id", 7));   // http://127.0.0.1:41234/lists/7/
 *         assertEquals("To-Do", page.getTitle());
 *     }
 * }
 * }</pre>
 *
 * <p>How long the browser lives is set by the key {@code browser.reuse} or {@link BrowserReuse}; a reused
 * browser starts every test with no cookies, no storage, one window and {@code about:blank}. When a test
 * fails, a screenshot, the page source, the URL and the console log are saved (see {@code
 * docs/browser.md}). An instance belongs to one thread, like the {@link WebDriver} it wraps.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Browser {

    /** The underlying Selenium driver, for everything beyond navigation. */
    WebDriver driver();

    /** The target this browser opens paths on. */
    Target target();

    /**
     * Navigates to a named path with its placeholders filled in by name, and waits for the page to load.
     *
     * @return the driver, for chaining
     * @throws IllegalArgumentException as {@link Target#url(String, Map)} does
     */
    WebDriver open(String pathName, Map<String, ?> parameters);

    /**
     * Navigates to a named path with its placeholders filled in by position.
     *
     * @return the driver, for chaining
     * @throws IllegalArgumentException as {@link Target#url(String, Object...)} does
     */
    WebDriver open(String pathName, Object... parameters);

    /** Navigates to an absolute URL, such as one built by {@link Target#url(String, Map)}. */
    WebDriver open(URI url);

    /**
     * Logs the browser in by setting a pre-authenticated session's cookie for the target's host, so a test
     * can skip the login form:
     *
     * <pre>{@code
     * browser.logIn(sessions.create("edith@example.com")).open("home");
     * }</pre>
     *
     * A browser can only set a cookie for the page it shows, so this first opens a page of the target that
     * does not exist (cheap, and without side effects), as "Test-Driven Development with Python" does.
     *
     * @return this browser, for chaining
     */
    Browser logIn(SessionKey session);
}
