package io.github.stagingtarget.example.todo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The command line of {@link TodoApp}: {@code [OPTIONS] [COMMAND [ARGS]] [+ COMMAND [ARGS]]...}.
 *
 * <p>Commands chained with a lone {@code +} run in one JVM on one database connection, because the test extension
 * runs such chains over SSH before each test class and a JVM start costs about half a second. Everything that can
 * be checked without side effects — the words, the options, the fixture files — is checked before the first
 * command runs; then the chain stops at the first failure. Each command commits on its own, so the commands before
 * a failure stay done.
 *
 * <p>Only {@code create-session} writes to stdout, so that {@code KEY=$(... create-session EMAIL)} works; messages
 * and logs go to stderr.
 */
final class CommandLine {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -cp 'target/app/lib/*' io.github.stagingtarget.example.todo.TodoApp \\
                     [OPTIONS] [COMMAND [ARGS]] [+ COMMAND [ARGS]]...

            Commands, several of which may be chained with a lone '+': they run in order in one process on one
            database connection, and the chain stops at the first failure.
              serve                 run the web server until stopped (the default; must come last)
              db migrate            create the schema if it is missing, touch no data (what a deploy runs)
              db reset              delete all data, keep the schema, restart the id counters
              db seed FILE          load a JSON fixture such as {"users": [{"email": "edith@example.com"}],
                                    "lists": [{"id": 1, "owner": "edith@example.com", "items": ["Buy milk"]}]}
              create-session EMAIL  create the user if needed and a session; print only the session key,
                                    the value of the "sessionid" cookie
              static export DIR     copy the static files (served at /static/) to DIR
              help                  print this text

            Options, anywhere on the line, each with an environment variable as fallback:
              --host HOST           TODO_HOST         default 127.0.0.1
              --port PORT           TODO_PORT         default 8000; 0 picks a free port
              --unix-socket PATH    TODO_UNIX_SOCKET  serve on a unix domain socket (mode rw-rw----) instead of TCP
              --jdbc-url URL        TODO_JDBC_URL     default jdbc:h2:file:./target/todo-db/todo;AUTO_SERVER=TRUE
            From the environment only: TODO_JDBC_USER, TODO_JDBC_PASSWORD, TODO_VERSION (shown at /version,
            default dev).

            Exit status: 0 done, 1 a command failed, 2 bad usage.
            """;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    CommandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** One command of a chain, checked and ready to run. */
    private record Step(String display, boolean usesDatabase, Action action) {}

    @FunctionalInterface
    private interface Action {
        void run(Context context) throws Exception;
    }

    /** A mistake in the command line itself: reported with the usage text and exit status 2. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Runs the command line and returns the exit status; {@code serve} returns only once the server stopped. */
    int run(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<List<String>> commands;
        AppSettings settings;
        try {
            commands = splitOptionsAndCommands(List.of(args), options);
            if (commands.equals(List.of(List.of("help")))) {
                out.print(USAGE_TEXT);
                return OK;
            }
            settings = AppSettings.resolve(options, env);
        } catch (UsageException | IllegalArgumentException e) {
            return usageError(e.getMessage());
        }

        List<Step> steps = new ArrayList<>();
        try {
            for (int i = 0; i < commands.size(); i++) {
                steps.add(step(commands.get(i), i == commands.size() - 1));
            }
        } catch (UsageException e) {
            return usageError(e.getMessage());
        } catch (IOException e) {
            err.println("todo: " + e.getMessage());
            return FAILED;
        }

        try (Context context = new Context(settings)) {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                try {
                    if (step.usesDatabase()) {
                        context.store();
                    }
                    step.action().run(context);
                } catch (Exception e) {
                    err.println("todo: " + step.display() + ": " + message(e));
                    steps.subList(i + 1, steps.size())
                            .forEach(skipped -> err.println("todo: not run: " + skipped.display()));
                    return FAILED;
                }
            }
        }
        return OK;
    }

    /** Pulls the options out of every segment and returns the segments' remaining words, one list per command. */
    private static List<List<String>> splitOptionsAndCommands(List<String> args, Map<String, String> options)
            throws UsageException {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("+")) {
                commands.add(nonEmpty(current, "before"));
                current = new ArrayList<>();
            } else if (arg.equals("--help") || arg.equals("-h")) {
                current.add("help");
            } else if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                String name = arg.substring(2, equals < 0 ? arg.length() : equals);
                if (!AppSettings.OPTIONS.contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw new UsageException("--" + name + " is given twice");
                }
            } else {
                current.add(arg);
            }
        }
        if (current.isEmpty() && commands.isEmpty()) {
            current.add("serve");
        }
        commands.add(nonEmpty(current, "after"));
        return commands;
    }

    private static List<String> nonEmpty(List<String> command, String beforeOrAfter) throws UsageException {
        if (command.isEmpty()) {
            throw new UsageException("a command is missing " + beforeOrAfter + " a '+'");
        }
        return command;
    }

    private Step step(List<String> words, boolean last) throws UsageException, IOException {
        String display = String.join(" ", words);
        switch (words.get(0)) {
            case "serve":
                arguments(words, 1, "serve");
                if (!last) {
                    throw new UsageException("serve runs until stopped, so it must be the last command");
                }
                return new Step(display, true, this::serve);
            case "db":
                if (words.size() >= 2 && words.get(1).equals("migrate")) {
                    arguments(words, 2, "db migrate");
                    // Opening the store ensures the schema (see Context.store()), which is all a migration is here.
                    return new Step(display, true, context -> context.store());
                }
                if (words.size() >= 2 && words.get(1).equals("reset")) {
                    arguments(words, 2, "db reset");
                    return new Step(display, true, context -> context.store().reset());
                }
                if (words.size() >= 2 && words.get(1).equals("seed")) {
                    arguments(words, 3, "db seed FILE");
                    Fixture fixture = Fixture.read(Path.of(words.get(2)));
                    return new Step(display, true, context -> context.store().seed(fixture));
                }
                throw new UsageException("db needs a subcommand: db migrate, db reset, or db seed FILE");
            case "create-session":
                arguments(words, 2, "create-session EMAIL");
                String email = words.get(1);
                if (!TodoStore.isEmail(email)) {
                    throw new UsageException(
                            "create-session needs an email address like edith@example.com but got: " + email);
                }
                return new Step(
                        display, true, context -> out.println(context.store().createSession(email)));
            case "static":
                if (words.size() >= 2 && words.get(1).equals("export")) {
                    arguments(words, 3, "static export DIR");
                    Path directory = Path.of(words.get(2));
                    return new Step(
                            display, false, context -> StaticFiles.load().exportTo(directory));
                }
                throw new UsageException("static needs a subcommand: static export DIR");
            case "help":
                throw new UsageException("help cannot be chained with other commands");
            default:
                throw new UsageException("unknown command: " + display);
        }
    }

    private static void arguments(List<String> words, int expected, String synopsis) throws UsageException {
        if (words.size() != expected) {
            throw new UsageException("expected `" + synopsis + "` but got: " + String.join(" ", words));
        }
    }

    private void serve(Context context) throws Exception {
        TodoServer server = TodoServer.start(context.settings, context.store(), StaticFiles.load());
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM (systemctl stop, kill) runs the hooks: stop accepting, finish, close the database, in that order.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                server.close();
                            } catch (RuntimeException e) {
                                err.println("todo: stopping the server failed: " + e);
                            } finally {
                                context.close();
                                stopped.countDown();
                            }
                        },
                        "todo-shutdown"));
        server.join();
        stopped.await();
    }

    private int usageError(String message) {
        err.println("todo: " + message);
        err.println();
        err.print(USAGE_TEXT);
        return USAGE;
    }

    private static String message(Exception e) {
        if (e instanceof SQLException || e instanceof IOException) {
            return e.getMessage();
        }
        return e.toString();
    }

    /** The resources a chain shares: the settings, and one database opened on first use. */
    private static final class Context implements AutoCloseable {
        private final AppSettings settings;
        private Database database;
        private TodoStore store;

        Context(AppSettings settings) {
            this.settings = settings;
        }

        synchronized TodoStore store() throws SQLException {
            if (store == null) {
                database = new Database(settings);
                TodoStore opened = new TodoStore(database);
                opened.ensureSchema();
                store = opened;
            }
            return store;
        }

        @Override
        public synchronized void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
