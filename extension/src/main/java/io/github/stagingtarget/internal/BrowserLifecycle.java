package io.github.stagingtarget.internal;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the extension does with browsers around each test. Selenium is optional: {@link BrowserScope} holds
 * sessions as plain objects, and {@link RunningBrowsers}, which links Selenium, is only reached when a
 * browser exists.
 */
final class BrowserLifecycle {

    private BrowserLifecycle() {}

    /** A reused browser starts each test clean, even if the test reached it through a field. */
    static void beforeEach(ExtensionContext context) {
        Object reused = BrowserScope.existingReusable(context);
        if (reused != null) {
            RunningBrowsers.resetForNextTest(context, reused);
        }
    }

    /** Saves and publishes the browser's evidence of a failure; a problem doing so never hides the failure. */
    static void publishEvidence(ExtensionContext context, Throwable failure) {
        try {
            Object session = BrowserScope.current(context);
            if (session != null) {
                RunningBrowsers.publishEvidence(context, session, failure);
            }
        } catch (RuntimeException | LinkageError e) {
            // The test's own failure is what the user must see; ours only rides along.
            failure.addSuppressed(e);
        }
    }
}
