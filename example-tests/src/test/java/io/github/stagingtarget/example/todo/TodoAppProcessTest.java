package io.github.stagingtarget.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as the staging host runs it: {@code serve} and the CLI in separate JVMs sharing one H2 file database
 * through {@code AUTO_SERVER}, the port announced in the log, and a clean stop on SIGTERM.
 */
class TodoAppProcessTest {

    private static final Pattern LISTENING = Pattern.compile("Listening on (http://\\S+)");

    @TempDir
    Path dir;

    @Test
    void cliInvocationsShareTheFileDatabaseWithARunningServer() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + dir.resolve("db/todo") + ";AUTO_SERVER=TRUE";
        Path fixture = Files.writeString(
                dir.resolve("edith.json"),
                "{\"lists\": [{\"id\": 1, \"owner\": \"edith@example.com\", \"items\": [\"Buy peacock feathers\"]}]}");
        Process server = java("serve", "--port", "0", "--jdbc-url", jdbcUrl).start();
        try {
            List<String> serverLog = new CopyOnWriteArrayList<>();
            URI base = URI.create(awaitListening(server, serverLog));

            Process cli = java(
                            "--jdbc-url",
                            jdbcUrl,
                            "db",
                            "reset",
                            "+",
                            "db",
                            "seed",
                            fixture.toString(),
                            "+",
                            "create-session",
                            "edith@example.com")
                    .start();
            String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).as(err).isZero();
            assertThat(out.lines()).hasSize(1);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> home = http.send(
                    HttpRequest.newBuilder(base.resolve("/lists/1/"))
                            .header("Cookie", "sessionid=" + out.strip())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(home.body()).contains("1: Buy peacock feathers").contains("Logged in as edith@example.com");

            // SIGTERM, as systemctl stop sends it; Process.destroy() would also close our end of its stderr.
            server.toHandle().destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isEqualTo(143);
            awaitEndOfLog(serverLog);
            assertThat(serverLog).anyMatch(line -> line.endsWith("Stopped"));
            assertThat(dir.resolve("db/todo.lock.db")).as("H2 closed cleanly").doesNotExist();
        } finally {
            server.destroyForcibly();
        }
    }

    private ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TodoApp.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TODO_"));
        return builder;
    }

    /** Reads the server's stderr on a thread of its own until the port is announced; keeps reading into {@code log}. */
    private static String awaitListening(Process server, List<String> log) throws Exception {
        var announced = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(
                () -> {
                    try (var lines = new BufferedReader(
                            new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            log.add(line);
                            Matcher matcher = LISTENING.matcher(line);
                            if (matcher.find()) {
                                announced.complete(matcher.group(1));
                            }
                        }
                    } catch (Exception e) {
                        announced.completeExceptionally(e);
                    }
                    announced.completeExceptionally(
                            new AssertionError("The server ended without announcing its port: " + log));
                    synchronized (log) {
                        log.add("<end of log>");
                        log.notifyAll();
                    }
                },
                "server-log");
        reader.setDaemon(true);
        reader.start();
        return announced.get(30, TimeUnit.SECONDS);
    }

    private static void awaitEndOfLog(List<String> log) throws InterruptedException {
        // The reader thread notifies after adding the end marker.
        synchronized (log) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!log.contains("<end of log>") && System.nanoTime() < deadline) {
                log.wait(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
            }
        }
    }
}
