package io.github.stagingtarget.mail.inbox;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.github.stagingtarget.console.CommandResult;
import io.github.stagingtarget.console.ServerConsole;
import io.github.stagingtarget.console.Shell;
import io.github.stagingtarget.mail.MailboxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A Maildir on the target's server (where the MTA delivers the catch-all address), read through the server
 * console: a test's mark is the server's clock and the files just delivered; later, the files of {@code new/}
 * and {@code cur/} modified since are listed, and the unread ones fetched base64-encoded in one round trip and
 * parsed in the test JVM. Reading runs {@code date}, {@code find} (GNU: {@code -newermt}) and {@code base64}
 * only: it never moves, renames or deletes a file. {@link #delete} does, and refuses unless made writable.
 */
@API(status = INTERNAL, since = "0.2")
public final class MaildirSource implements MailSource {

    /** Seconds before the marked moment that still count as "now": file times and clocks have a granularity. */
    private static final int SLACK_SECONDS = 2;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String FILE_MARK = "=== ";

    private final ServerConsole console;
    private final String maildir;
    private final boolean writable;

    public MaildirSource(ServerConsole console, String maildir, boolean writable) {
        this.console = console;
        this.maildir = maildir;
        this.writable = writable;
    }

    private record MaildirMark(long since, Set<String> present) implements Mark {}

    @Override
    public Mark mark() {
        String script = "now=$(date +%s) && echo \"$now\" && since=$((now - " + SLACK_SECONDS + "))\n"
                + "cd " + Shell.quote(maildir) + " 2>/dev/null || exit 0\n"
                + list("@$since");
        List<String> lines = lines(run(script, "mark the Maildir"));
        if (lines.isEmpty() || !lines.get(0).matches("[0-9]+")) {
            throw new MailboxException("Cannot mark the Maildir " + maildir + " via " + console.describe()
                    + ": `date +%s` printed " + lines + " instead of the server's time");
        }
        long since = Long.parseLong(lines.get(0)) - SLACK_SECONDS;
        return new MaildirMark(since, ids(lines.subList(1, lines.size())).keySet());
    }

    @Override
    public List<RawMail> since(Mark mark, Set<String> known) {
        MaildirMark start = (MaildirMark) mark;
        String listing = "cd " + Shell.quote(maildir) + " 2>/dev/null || exit 0\n" + list("@" + start.since());
        Map<String, String> files = ids(lines(run(listing, "list the Maildir")));
        files.keySet().removeAll(start.present());
        List<String> unread =
                files.keySet().stream().filter(id -> !known.contains(id)).toList();
        List<RawMail> mail = new ArrayList<>();
        if (!unread.isEmpty()) {
            mail.addAll(read(unread.stream().map(files::get).toList()));
        }
        return mail;
    }

    @Override
    public void delete(List<String> ids) {
        if (!writable) {
            throw new MailboxException("Refusing to delete mail from " + describe() + ": it is read-only");
        }
        StringBuilder script = new StringBuilder("cd " + Shell.quote(maildir) + " || exit 1\n");
        for (String id : ids) {
            String quoted = Shell.quote(id);
            script.append("rm -f -- new/")
                    .append(quoted)
                    .append(" new/")
                    .append(quoted)
                    .append(":* cur/")
                    .append(quoted)
                    .append(" cur/")
                    .append(quoted)
                    .append(":*\n");
        }
        run(script.toString(), "delete from the Maildir").requireSuccess();
    }

    @Override
    public String describe() {
        return "the Maildir " + maildir + " on " + console.describe();
    }

    /** Files of new/ and cur/ modified after {@code time}, oldest first by name (Maildir names start with it). */
    private static String list(String time) {
        return "for d in new cur; do [ -d \"$d\" ] && find \"$d\" -type f -newermt \"" + time + "\" -print; done;"
                + " exit 0\n";
    }

    /** By id (the unique part of a Maildir name, before {@code :2,} flags), the path relative to the Maildir. */
    private static Map<String, String> ids(List<String> paths) {
        return paths.stream()
                .filter(path -> path.startsWith("new/") || path.startsWith("cur/"))
                .sorted((a, b) -> id(a).compareTo(id(b)))
                .collect(Collectors.toMap(MaildirSource::id, path -> path, (a, b) -> a, LinkedHashMap::new));
    }

    private static String id(String path) {
        String name = path.substring(path.indexOf('/') + 1);
        int flags = name.indexOf(':');
        return flags < 0 ? name : name.substring(0, flags);
    }

    private List<RawMail> read(List<String> paths) {
        StringBuilder script = new StringBuilder("cd " + Shell.quote(maildir) + " || exit 1\n");
        for (String path : paths) {
            String quoted = Shell.quote(path);
            script.append("if [ -f ")
                    .append(quoted)
                    .append(" ]; then printf '%s\\n' ")
                    .append(Shell.quote(FILE_MARK + path))
                    .append("; base64 < ")
                    .append(quoted)
                    .append(" || exit 1; fi\n");
        }
        String stdout =
                run(script.toString(), "read the Maildir").requireSuccess().stdout();
        List<RawMail> mail = new ArrayList<>();
        String current = null;
        StringBuilder encoded = new StringBuilder();
        for (String line : (stdout + "\n" + FILE_MARK).split("\n", -1)) {
            if (line.startsWith(FILE_MARK)) {
                if (current != null) {
                    mail.add(new RawMail(id(current), Base64.getMimeDecoder().decode(encoded.toString())));
                }
                current = line.substring(FILE_MARK.length());
                encoded.setLength(0);
            } else {
                encoded.append(line.trim());
            }
        }
        return mail;
    }

    private CommandResult run(String script, String what) {
        CommandResult result = console.runScript(script, READ_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new MailboxException("Cannot " + what + " " + maildir + " via " + console.describe() + ": exit code "
                    + result.exitCode() + ", " + result.stderr().strip());
        }
        return result;
    }

    private static List<String> lines(CommandResult result) {
        return result.stdout()
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
