package io.github.stagingtarget.browser;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.session.SessionKey;
import java.net.URI;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;

/** {@link Browser} on a session; remembers each origin it opens so that reuse can clear its storage. */
final class TargetBrowser implements Browser {

    private final RunningBrowser session;
    private final Target target;

    TargetBrowser(RunningBrowser session, Target target) {
        this.session = session;
        this.target = target;
    }

    @Override
    public WebDriver driver() {
        return session.driver();
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public WebDriver open(String pathName, Map<String, ?> parameters) {
        return open(target.url(pathName, parameters));
    }

    @Override
    public WebDriver open(String pathName, Object... parameters) {
        return open(target.url(pathName, parameters));
    }

    @Override
    public WebDriver open(URI url) {
        session.visited(url);
        session.driver().get(url.toString());
        return session.driver();
    }

    @Override
    public Browser logIn(SessionKey key) {
        URI page = target.baseUri().resolve("staging-target-sets-a-session-cookie-here");
        open(page);
        session.driver()
                .manage()
                .addCookie(new Cookie.Builder(key.cookieName(), key.value())
                        .path("/")
                        .isHttpOnly(true)
                        .isSecure("https".equalsIgnoreCase(page.getScheme()))
                        .build());
        return this;
    }

    @Override
    public String toString() {
        return "Browser on " + target;
    }
}
