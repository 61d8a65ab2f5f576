package io.github.stagingtarget.console;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Quoting for POSIX shells, for values spliced into commands run by a {@link ServerConsole}.
 *
 * <pre>{@code
 * console.run("app create-session " + Shell.quote(email));   // safe for "a'b; rm -rf / $(x)"
 * }</pre>
 *
 * <p>Single quotes make everything literal except the single quote itself, which is written as
 * {@code '\''}; so no value can end the word, start another command or expand anything.
 */
@API(status = STABLE, since = "0.1")
public final class Shell {

    private Shell() {}

    /** The value as one single-quoted shell word. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A shell argument cannot contain a NUL character");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Each value quoted, joined with spaces. */
    public static String quoteAll(List<String> values) {
        return values.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
