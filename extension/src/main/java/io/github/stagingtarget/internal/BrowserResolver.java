package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ConfiguredTarget;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Injects Selenium's {@code WebDriver} and our {@link io.github.stagingtarget.Browser}, which share one
 * browser. Selenium is optional: types are matched by name, and {@link RunningBrowsers} (which links it)
 * is loaded only when a test asks for a browser.
 */
final class BrowserResolver implements TypedResolver {

    private static final String WEB_DRIVER = "org.openqa.selenium.WebDriver";
    private static final String BROWSER = "io.github.stagingtarget.Browser";

    @Override
    public boolean supports(Class<?> type) {
        return type.getName().equals(WEB_DRIVER) || type.getName().equals(BROWSER);
    }

    @Override
    public Object resolve(ConfiguredTarget target, ExtensionContext context, Class<?> type) {
        return RunningBrowsers.resolve(type, target, context);
    }
}
