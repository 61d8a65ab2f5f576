package io.github.stagingtarget.internal;

import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.report.ServerLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Publishes the server log lines a failed test caused as file entries ({@code ExtensionContext.publishFile}),
 * one per configured log file. The sizes are marked before each test in the method store; nothing is read
 * unless the test fails.
 */
final class ServerLogCapture {

    private static final Namespace NAMESPACE = Namespace.create(StagingTargetExtension.class, "logs");
    private static final String MARKS = "marks";

    private ServerLogCapture() {}

    static void beforeEach(ExtensionContext context) {
        ServerSettings server = TargetStore.server(context);
        if (server.logs().isEmpty()) {
            return;
        }
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
        if (server.logs().isEmpty() || context.getExecutionException().isEmpty()) {
            return;
        }
        Map<String, Long> marks = context.getStore(NAMESPACE).getOrDefault(MARKS, Map.class, Map.of());
        Map<String, String> written;
        try {
            written = logs(context, server).since(marks);
        } catch (ConsoleException e) {
            context.publishReportEntry(
                    "server-logs", ServerStore.mask(context).apply("could not read server logs: " + e.getMessage()));
            return;
        }
        var mask = ServerStore.mask(context);
        written.forEach((file, raw) -> {
            // Server logs end up in CI artifacts: the run's secrets must not.
            String lines = mask.apply(raw);
            try {
                context.publishFile(
                        fileName(file),
                        MediaType.TEXT_PLAIN_UTF_8,
                        path -> Files.writeString(path, lines, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // A launcher that writes no outputs must not turn the test's own failure into another one.
                context.publishReportEntry("server-log " + file, lines);
            }
        });
    }

    private static ServerLogs logs(ExtensionContext context, ServerSettings server) {
        return new ServerLogs(server.logs(), server.logLines(), ServerStore.console(context));
    }

    /** {@code /var/log/nginx/error.log} becomes {@code server-log-var_log_nginx_error.log.txt}. */
    static String fileName(String path) {
        String flat = path.replaceAll("^/+", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return "server-log-" + flat + ".txt";
    }
}
