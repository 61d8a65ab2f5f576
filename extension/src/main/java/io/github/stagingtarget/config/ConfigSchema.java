package io.github.stagingtarget.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Every key StagingTarget knows under {@code staging-target}, in one place. The whole tree is checked once
 * when the configuration is loaded, so that a typo ({@code ready { timout = 2m }}, {@code fixture.reset})
 * fails the run with its file and line and a "did you mean" instead of being ignored; keys given as
 * {@code -Dstaging-target.…} system properties are checked the same way. A user's own keys live outside
 * {@code staging-target}, where nothing is checked.
 *
 * <p><b>To add a key</b>, add it below to the block it belongs to, then give it a default in
 * {@code reference.conf} (or document it as unset) and a row in {@code docs/}:
 *
 * <ul>
 *   <li>a value (string, number, duration, boolean or list of values): {@code key("retries")};
 *   <li>a block of fixed keys: {@code block("mail", "docs/mail.md", key("host"), key("port"))};
 *   <li>an object whose keys the user chooses (variables, named paths): {@code freeMap("env")};
 *   <li>named entries that are each a block: {@code mapOf("services", block(...))};
 *   <li>a list whose elements may be blocks ({@code logs = ["/a.log", { path = "/b.log" }]}):
 *       {@code listOf("logs", block(...))}; plain values in such a list are not checked here.
 * </ul>
 *
 * Types and values are checked where the key is read ({@link ConfigReader}); this class only knows names.
 */
final class ConfigSchema {

    /** One node of the tree of known keys. */
    sealed interface Node permits Key, Block, FreeMap, MapOf, ListOf {}

    /** A value; its type is checked when it is read. */
    record Key(String name) implements Node {}

    /** An object of fixed keys. */
    record Block(String name, String docs, Map<String, Node> children) implements Node {}

    /** An object whose keys are the user's own, e.g. environment variables. */
    record FreeMap(String name) implements Node {}

    /** An object of named entries, each of them checked as {@code entry}. */
    record MapOf(String name, Block entry) implements Node {}

    /** A list whose object elements are checked as {@code element}. */
    record ListOf(String name, Block element) implements Node {}

    private static final String CONFIGURATION_DOCS = "docs/configuration.md";
    private static final String CONSOLE_DOCS = "docs/console.md";
    private static final String BROWSER_DOCS = "docs/browser.md";
    private static final String EVIDENCE_DOCS = "docs/evidence.md";
    private static final String MAIL_DOCS = "docs/mail.md";

    /** The keys of one target; {@code staging-target.defaults} has the same ones. */
    static final Block TARGET = block(
            "target",
            CONFIGURATION_DOCS,
            key("local"),
            key("base-url"),
            freeMap("paths"),
            block("ready", CONFIGURATION_DOCS, key("enabled"), key("path"), key("timeout"), key("interval")),
            block("version", CONFIGURATION_DOCS, key("path"), key("expected")),
            block(
                    "launch",
                    CONFIGURATION_DOCS,
                    key("main-class"),
                    key("command"),
                    key("args"),
                    key("jvm-args"),
                    freeMap("env"),
                    key("working-directory"),
                    key("port"),
                    key("reuse-existing"),
                    key("log-file")),
            block(
                    "console",
                    CONSOLE_DOCS,
                    key("type"),
                    key("command"),
                    key("working-directory"),
                    freeMap("env"),
                    key("command-timeout")),
            block(
                    "ssh",
                    CONSOLE_DOCS,
                    key("host"),
                    key("port"),
                    key("user"),
                    key("identity"),
                    key("passphrase-env"),
                    key("password-env"),
                    key("known-hosts"),
                    key("host-key-policy"),
                    key("connect-timeout"),
                    key("read-timeout"),
                    key("keepalive"),
                    key("max-sessions"),
                    // Known only to be refused with their own message: secrets do not belong in a file.
                    key("password"),
                    key("passphrase")),
            block("fixtures", CONSOLE_DOCS, key("allowed"), key("reset"), key("seed"), key("timeout")),
            block("run-lock", CONSOLE_DOCS, key("mode"), key("wait"), key("directory")),
            block("session", CONSOLE_DOCS, key("command"), key("cookie-name")),
            listOf("logs", block("logs", CONSOLE_DOCS, key("path"), key("command"), key("name"))),
            key("log-lines"),
            freeMap(ConfiguredValues.KEY),
            mapOf(
                    "services",
                    block(
                            "service",
                            CONFIGURATION_DOCS,
                            key("base-url"),
                            freeMap("paths"),
                            block("ready", CONFIGURATION_DOCS, key("path")),
                            block("version", CONFIGURATION_DOCS, key("path"), key("expected")))),
            block(
                    "evidence",
                    EVIDENCE_DOCS,
                    key("server-log-bytes"),
                    key("http-exchanges"),
                    key("http-body-limit"),
                    key("http-max-exchanges")),
            block(
                    "browser",
                    BROWSER_DOCS,
                    key("name"),
                    key("headless"),
                    key("window-size"),
                    key("arguments"),
                    key("binary"),
                    key("driver"),
                    key("page-load-timeout"),
                    key("script-timeout"),
                    key("remote-url"),
                    key("reuse"),
                    key("evidence-dir")),
            block(
                    "http",
                    CONFIGURATION_DOCS,
                    block(
                            "tls",
                            CONFIGURATION_DOCS,
                            key("trust"),
                            key("trust-store"),
                            key("trust-store-password-env"),
                            key("client-certificate"),
                            key("client-certificate-password-env"),
                            key("insecure"),
                            // Known only to be refused with their own message: secrets do not belong in a file.
                            key("trust-store-password"),
                            key("client-certificate-password")),
                    block("basic", CONFIGURATION_DOCS, key("user"), key("password-env"), key("password")),
                    freeMap("headers"),
                    block(
                            "proxy",
                            CONFIGURATION_DOCS,
                            key("url"),
                            key("no-proxy"),
                            key("user"),
                            key("password-env"),
                            key("password"))),
            block(
                    "mail",
                    MAIL_DOCS,
                    key("enabled"),
                    key("domain"),
                    key("timeout"),
                    key("poll-interval"),
                    key("maildir"),
                    key("raw-evidence")));

    /** {@code staging-target} itself. */
    static final Block ROOT = block(
            ConfigLoader.ROOT,
            CONFIGURATION_DOCS,
            key("default-target"),
            new Block("defaults", CONFIGURATION_DOCS, TARGET.children()),
            mapOf("targets", TARGET));

    private ConfigSchema() {}

    static Key key(String name) {
        return new Key(name);
    }

    static FreeMap freeMap(String name) {
        return new FreeMap(name);
    }

    static Block block(String name, String docs, Node... children) {
        Map<String, Node> byName = new LinkedHashMap<>();
        for (Node child : children) {
            byName.put(name(child), child);
        }
        return new Block(name, docs, Map.copyOf(byName));
    }

    static MapOf mapOf(String name, Block entry) {
        return new MapOf(name, entry);
    }

    static ListOf listOf(String name, Block element) {
        return new ListOf(name, element);
    }

    private static String name(Node node) {
        if (node instanceof Key key) {
            return key.name();
        } else if (node instanceof Block block) {
            return block.name();
        } else if (node instanceof FreeMap map) {
            return map.name();
        } else if (node instanceof MapOf map) {
            return map.name();
        }
        return ((ListOf) node).name();
    }

    /**
     * @param root the resolved {@code staging-target} object
     * @throws TargetConfigException for the first unknown key, in key order
     */
    static void check(ConfigObject root) {
        checkBlock(ROOT, root, ConfigLoader.ROOT);
    }

    // Keys and free maps hold anything; a value of the wrong type is reported when it is read.
    private static void check(Node node, ConfigValue value, String path) {
        if (node instanceof Block block && value instanceof ConfigObject object) {
            checkBlock(block, object, path);
        } else if (node instanceof MapOf map && value instanceof ConfigObject object) {
            for (String name : new TreeSet<>(object.keySet())) {
                check(map.entry(), object.get(name), path + "." + ConfigUtil.joinPath(name));
            }
        } else if (node instanceof ListOf list && value instanceof ConfigList elements) {
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) instanceof ConfigObject object) {
                    checkBlock(list.element(), object, path + "[" + i + "]");
                }
            }
        }
    }

    private static void checkBlock(Block block, ConfigObject object, String path) {
        for (String name : new TreeSet<>(object.keySet())) {
            Node child = block.children().get(name);
            String key = path + "." + ConfigUtil.joinPath(name);
            if (child == null) {
                throw unknown(block, name, key, object.get(name));
            }
            check(child, object.get(name), key);
        }
    }

    private static TargetConfigException unknown(Block block, String name, String key, ConfigValue value) {
        StringBuilder message = new StringBuilder(Origins.full(value, key))
                .append(": ")
                .append(key)
                .append(" is not a StagingTarget key");
        Optional<String> suggestion = suggestion(block, name);
        message.append(
                suggestion.map(known -> ": did you mean '" + known + "'?").orElse("."));
        List<String> within = blocksHolding(block, name);
        if (!within.isEmpty()) {
            message.append(" '")
                    .append(name)
                    .append("' is a key of ")
                    .append(String.join(", ", within))
                    .append('.');
        }
        String parent =
                key.substring(0, key.length() - ConfigUtil.joinPath(name).length() - 1);
        message.append(" The keys of ")
                .append(parent)
                .append(" are ")
                .append(String.join(", ", new TreeSet<>(block.children().keySet())))
                .append(" (see ")
                .append(block.docs())
                .append("). Keys of your own belong outside ")
                .append(ConfigLoader.ROOT)
                .append('.');
        return new TargetConfigException(message.toString());
    }

    /** The closest known key, if it is close enough to be a typo. */
    static Optional<String> suggestion(Block block, String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : new TreeSet<>(block.children().keySet())) {
            int distance = distance(name, known);
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, name.length() / 4);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** The direct sub-blocks that know {@code name}: {@code command} at the target level is in launch and session. */
    private static List<String> blocksHolding(Block block, String name) {
        List<String> holders = new ArrayList<>();
        for (Node child : block.children().values()) {
            if (child instanceof Block sub && sub.children().containsKey(name)) {
                holders.add(sub.name());
            }
        }
        holders.sort(null);
        return holders;
    }

    /** Levenshtein distance, case-insensitive ({@code baseUrl} is a near miss of {@code base-url} too). */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }

    /** For docs and tests: every known key of a target, as dotted paths. */
    static List<String> targetKeys() {
        List<String> keys = new ArrayList<>();
        collect(TARGET, "", keys);
        keys.sort(null);
        return keys;
    }

    private static void collect(Block block, String prefix, List<String> keys) {
        for (Node child : block.children().values()) {
            String key = prefix + name(child);
            if (child instanceof Block sub) {
                collect(sub, key + ".", keys);
            } else {
                keys.add(key);
            }
        }
    }
}
