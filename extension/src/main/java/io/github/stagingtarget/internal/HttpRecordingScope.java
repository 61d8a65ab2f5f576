package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.EvidenceSettings;
import io.github.stagingtarget.report.http.ExchangeFiles;
import io.github.stagingtarget.report.http.ExchangeMasking;
import io.github.stagingtarget.report.http.HttpRecording;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.opentest4j.TestAbortedException;

/**
 * Which test an injected REST Assured specification records for, and publishing a failed test's exchanges.
 *
 * <p>A specification injected into a test method or its {@code @BeforeEach} records into that test's
 * recording (in the test's store). One injected into {@code @BeforeAll} (the class's context) records into
 * the test running on the calling thread in that class: each test registers itself in the class store
 * before it starts and leaves after its {@code @AfterEach}. Classes running in parallel each have their own
 * store, so their exchanges do not mix; requests outside any test are not recorded.
 */
final class HttpRecordingScope {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "http");
    private static final String RECORDING = "recording";
    private static final String ACTIVE = "active-tests";

    private HttpRecordingScope() {}

    /** The tests of one class (and its nested classes) running now, by the thread that runs them. */
    private static final class ActiveTests {
        private final Map<Thread, ExtensionContext> byThread = new ConcurrentHashMap<>();

        /** The calling thread's test; else the one test running, for a request sent from another thread. */
        Optional<ExtensionContext> current() {
            ExtensionContext test = byThread.get(Thread.currentThread());
            if (test == null && byThread.size() == 1) {
                return byThread.values().stream().findFirst();
            }
            return Optional.ofNullable(test);
        }
    }

    /**
     * Where a specification injected in {@code context} records, or {@code null} when recording is off.
     * Nothing is created for a test until it sends a request.
     */
    static Supplier<HttpRecording> recordingFor(ExtensionContext context) {
        EvidenceSettings settings = TargetStore.evidence(context);
        if (!settings.httpExchanges()) {
            return null;
        }
        if (context.getTestMethod().isPresent()) {
            return () -> recording(context, settings);
        }
        ActiveTests active =
                context.getStore(NAMESPACE).getOrComputeIfAbsent(ACTIVE, key -> new ActiveTests(), ActiveTests.class);
        return () -> active.current().map(test -> recording(test, settings)).orElse(null);
    }

    private static HttpRecording recording(ExtensionContext test, EvidenceSettings settings) {
        return test.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        RECORDING,
                        key -> new HttpRecording(settings.httpBodyLimit(), settings.httpMaxExchanges()),
                        HttpRecording.class);
    }

    /** Registers the test with the classes around it whose {@code @BeforeAll} was handed a specification. */
    static void beforeEach(ExtensionContext test) {
        activeTestsAround(test).forEach(active -> active.byThread.put(Thread.currentThread(), test));
    }

    /** Unregisters the test; if it failed, publishes its exchanges. */
    static void afterEach(ExtensionContext test) {
        activeTestsAround(test).forEach(active -> active.byThread.remove(Thread.currentThread(), test));
        Optional<Throwable> failure = test.getExecutionException();
        if (failure.isEmpty() || failure.get() instanceof TestAbortedException) {
            return;
        }
        HttpRecording recording = test.getStore(NAMESPACE).get(RECORDING, HttpRecording.class);
        if (recording == null || recording.isEmpty()) {
            return;
        }
        try {
            ExchangeFiles files = new ExchangeFiles(
                    test.getRequiredTestClass().getSimpleName() + " > " + test.getDisplayName(),
                    recording,
                    ExchangeMasking.of(TargetStore.mask(test), secretHeaders(test), recording.exchanges()));
            String text = files.text();
            String har = files.har();
            EvidencePublisher.publish(
                    test,
                    ExchangeFiles.TEXT_FILE,
                    file -> Files.writeString(file, text, StandardCharsets.UTF_8),
                    failure.get());
            EvidencePublisher.publish(
                    test,
                    ExchangeFiles.HAR_FILE,
                    file -> Files.writeString(file, har, StandardCharsets.UTF_8),
                    failure.get());
        } catch (RuntimeException e) {
            // The test's own failure is what the user must see; ours only rides along.
            failure.get().addSuppressed(e);
        }
    }

    /**
     * Header names whose values the target's configuration makes secret, besides those {@code SecretMask}
     * always masks (Authorization, Proxy-Authorization, cookies, secret-named headers): every header of
     * {@code http.headers}, since those are gate tokens, lower-cased.
     */
    static Set<String> secretHeaders(ExtensionContext context) {
        return TargetStore.definition(context).http().headers().keySet().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<ActiveTests> activeTestsAround(ExtensionContext test) {
        Set<ActiveTests> found = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Optional<ExtensionContext> parent = test.getParent();
                parent.isPresent();
                parent = parent.get().getParent()) {
            ActiveTests active = parent.get().getStore(NAMESPACE).get(ACTIVE, ActiveTests.class);
            if (active != null) {
                found.add(active);
            }
        }
        return found;
    }
}
