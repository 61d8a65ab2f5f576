package io.github.stagingtarget.example.todo;

/**
 * The to-do lists example app: a web server and the commands that prepare its database for functional tests.
 *
 * <pre>
 * mvn -f example-tests/pom.xml package
 * java -cp 'example-tests/target/app/lib/*' io.github.stagingtarget.example.todo.TodoApp serve --port 8000
 * java -cp 'example-tests/target/app/lib/*' io.github.stagingtarget.example.todo.TodoApp \
 *     db reset + db seed fixture.json + create-session edith@example.com
 * </pre>
 *
 * See {@link CommandLine#USAGE_TEXT} for every command and option.
 */
public final class TodoApp {

    private TodoApp() {}

    public static void main(String[] args) {
        // H2's AUTO_SERVER listener would bind to every interface; the CLI only ever connects from this host.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        int status = new CommandLine(System.getenv(), System.out, System.err).run(args);
        // Explicit, so that no lingering non-daemon thread (e.g. H2's AUTO_SERVER listener) keeps a CLI run alive.
        System.exit(status);
    }
}
