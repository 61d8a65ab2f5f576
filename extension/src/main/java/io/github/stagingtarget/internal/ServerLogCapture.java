package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.report.ServerLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Publishes what the server logged during a failed test, one evidence file per configured log
 * ({@link EvidencePublisher}). The file sizes and the test's start are marked before each test in the
 * method store; nothing is read unless the test fails.
 */
final class ServerLogCapture {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "logs");
    private static final String MARKS = "marks";
    private static final String START = "start";

    private ServerLogCapture() {}

    static void beforeEach(ExtensionContext context) {
        ServerSettings server = TargetStore.server(context);
        if (server.logs().isEmpty()) {
            return;
        }
        context.getStore(NAMESPACE).put(START, Instant.now());
        try {
            context.getStore(NAMESPACE).put(MARKS, logs(context, server).mark());
        } catch (ConsoleException e) {
            // Logs are diagnostics: without marks, a failure publishes the last lines instead.
            context.getStore(NAMESPACE).put(MARKS, Map.of());
        }
    }

    @SuppressWarnings("unchecked")
    static void afterTestExecution(ExtensionContext context) {
        ServerSettings server = TargetStore.server(context);
        Throwable failure = context.getExecutionException().orElse(null);
        if (server.logs().isEmpty() || failure == null) {
            return;
        }
        Map<String, Long> marks = context.getStore(NAMESPACE).getOrDefault(MARKS, Map.class, Map.of());
        Instant start = context.getStore(NAMESPACE).getOrDefault(START, Instant.class, Instant.now());
        List<ServerLogs.Output> written;
        try {
            written = logs(context, server).since(marks, start);
        } catch (ConsoleException e) {
            failure.addSuppressed(new EvidencePublisher.EvidenceException(
                    ServerStore.mask(context).apply("Could not read the server logs: " + e.getMessage()), null));
            return;
        }
        var mask = ServerStore.mask(context);
        for (ServerLogs.Output output : written) {
            // Server logs end up in CI artifacts: the run's secrets must not.
            String text = mask.apply(output.text());
            if (text.isEmpty()) {
                // The server logged nothing there during the test: an empty file is noise among the evidence.
                continue;
            }
            EvidencePublisher.publish(
                    context,
                    output.source().evidenceFileName(),
                    path -> Files.writeString(path, text, StandardCharsets.UTF_8),
                    failure);
        }
    }

    private static ServerLogs logs(ExtensionContext context, ServerSettings server) {
        return new ServerLogs(server.logs(), ServerStore.console(context));
    }
}
