package io.github.stagingtarget.internal;

import io.github.stagingtarget.Browser;
import io.github.stagingtarget.browser.BrowserException;
import io.github.stagingtarget.browser.RunningBrowser;
import io.github.stagingtarget.config.BrowserSettings;
import io.github.stagingtarget.config.ConfiguredTarget;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.openqa.selenium.WebDriverException;

/**
 * The JUnit side of browsers: creates sessions in the store {@link BrowserScope} picks, clears reused ones
 * before each test, and publishes a failed test's evidence. Links Selenium, so it is only loaded once a
 * browser exists or is asked for.
 */
final class RunningBrowsers {

    /** Report entry of what the run should know about its browsers; {@code staging-target.browser} is its version. */
    static final String WARNING_ENTRY = "staging-target.browser.warning";

    private RunningBrowsers() {}

    static Object resolve(Class<?> type, ConfiguredTarget target, ExtensionContext context) {
        BrowserSettings spec = target.definition().browser();
        Store store = BrowserScope.owner(context, BrowserScope.policy(context));
        RunningBrowser session;
        try {
            session = store.getOrComputeIfAbsent(
                    BrowserScope.key(),
                    key -> {
                        RunningBrowser started = RunningBrowser.start(
                                spec, target.name(), target.definition().http(), ownUrls(target));
                        started.warning().ifPresent(warning -> context.publishReportEntry(WARNING_ENTRY, warning));
                        return started;
                    },
                    RunningBrowser.class);
        } catch (BrowserException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        BrowserScope.lease(context, session);
        if (session.driver() instanceof org.openqa.selenium.HasCapabilities capable) {
            var capabilities = capable.getCapabilities();
            RunFacts.browserStarted(
                    context, capabilities.getBrowserName() + " " + capabilities.getBrowserVersion(), spec);
        }
        Browser browser = session.browserFor(target);
        return type == Browser.class ? browser : browser.driver();
    }

    /**
     * The URLs whose origins get the target's headers and basic auth in the browser: the base URL and each named
     * service's, so that a page on {@code web} calling {@code api} passes the gate too.
     */
    private static List<URI> ownUrls(ConfiguredTarget target) {
        List<URI> urls = new ArrayList<>();
        urls.add(target.baseUri());
        target.namedServices().forEach(service -> urls.add(service.baseUri()));
        return List.copyOf(urls);
    }

    /** A browser that cannot be cleared (crashed, hung on an alert) is quit; the next test gets a new one. */
    static void resetForNextTest(ExtensionContext context, Object existing) {
        RunningBrowser session = (RunningBrowser) existing;
        try {
            session.reset();
        } catch (WebDriverException e) {
            BrowserScope.owner(context, BrowserScope.policy(context)).remove(BrowserScope.key());
            try {
                session.close();
            } catch (WebDriverException quitFailure) {
                e.addSuppressed(quitFailure);
            }
            context.publishReportEntry(
                    WARNING_ENTRY,
                    ServerStore.mask(context)
                            .apply("Replaced a reused browser that could not be cleared: "
                                    + e.getMessage().lines().findFirst().orElse("")));
        }
    }

    /**
     * Saves and publishes what the browser shows, if the test used it: a browser still on a blank page
     * (reset for this test and never navigated) has nothing to say about the failure.
     */
    static void publishEvidence(ExtensionContext context, Object existing, Throwable failure) {
        RunningBrowser session = (RunningBrowser) existing;
        if (!session.navigated()) {
            return;
        }
        Path directory = EvidencePublisher.directory(context);
        List<Path> files = session.captureEvidence(directory, failure, ServerStore.mask(context));
        for (Path file : files) {
            EvidencePublisher.publishSaved(context, file, failure);
        }
    }
}
