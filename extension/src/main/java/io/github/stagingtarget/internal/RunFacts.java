package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.BrowserSettings;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.report.RunHeader;
import io.github.stagingtarget.secrets.SecretMask;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * What a run tested, for people reading its log and report: the run header's later parts (deployed version,
 * browser) and, when Allure is on the class path, its {@code environment.properties}. The browser's version
 * is only known once a browser started: it is added to the report and the Allure environment then.
 */
final class RunFacts {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "facts");
    private static final String ENVIRONMENT = "allure-environment";
    private static final String BROWSER_VERSION = "browser-version";
    static final String BROWSER_ENTRY = "staging-target.browser";

    private static final boolean SELENIUM = present("org.openqa.selenium.WebDriver");

    private RunFacts() {}

    static RunHeader complete(RunHeader header, TargetSettings target, Optional<String> version) {
        RunHeader complete = version.map(v -> header.with("version " + v)).orElse(header);
        return SELENIUM ? complete.with("browser " + browser(target.browser())) : complete;
    }

    /** {@code chromium headless}, {@code firefox} or {@code chrome on http://grid:4444/}. */
    static String browser(BrowserSettings browser) {
        String where = browser.remoteUrl()
                .map(url -> " on " + SecretMask.redact(url.toString()))
                .orElse("");
        return browser.name() + (browser.headless() ? " headless" : "") + where;
    }

    /** @param services each named service's base URL, by name */
    static void writeAllureEnvironment(
            TargetSettings target,
            Optional<String> version,
            Map<String, String> services,
            RunHeader header,
            ExtensionContext context) {
        if (!AllureBridge.PRESENT) {
            return;
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("StagingTarget.target", target.name());
        environment.put("StagingTarget.base-url", header.baseUrl());
        services.forEach((name, url) -> environment.put("StagingTarget.service." + name, SecretMask.redact(url)));
        version.ifPresent(v -> environment.put("StagingTarget.version", v));
        if (SELENIUM) {
            environment.put("StagingTarget.browser", browser(target.browser()));
        }
        environment.put("StagingTarget.run", header.text());
        context.getRoot().getStore(NAMESPACE).put(ENVIRONMENT, environment);
        write(environment, context);
    }

    /** The first browser of the run says which version it is: in the report, and in Allure's environment. */
    @SuppressWarnings("unchecked")
    static void browserStarted(ExtensionContext context, String nameAndVersion, BrowserSettings settings) {
        var store = context.getRoot().getStore(NAMESPACE);
        store.getOrComputeIfAbsent(BROWSER_VERSION, key -> {
            String text = nameAndVersion + (settings.headless() ? " headless" : "");
            context.publishReportEntry(BROWSER_ENTRY, text);
            Map<String, String> environment = store.get(ENVIRONMENT, Map.class);
            if (environment != null) {
                Map<String, String> more = new LinkedHashMap<>(environment);
                more.put("StagingTarget.browser", text);
                write(more, context);
            }
            return text;
        });
    }

    private static void write(Map<String, String> environment, ExtensionContext context) {
        try {
            AllureBridge.writeEnvironment(environment);
        } catch (IOException | RuntimeException | LinkageError e) {
            context.publishReportEntry(
                    "staging-target.allure", "Could not write Allure's environment.properties: " + e);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, RunFacts.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
