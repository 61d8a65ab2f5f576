package io.github.stagingtarget.example.todo;

import io.github.stagingtarget.example.todo.TodoStore.TodoList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The HTML of every page. All text that users typed goes through {@link #escape(String)}; element ids and texts
 * are what the functional tests look for, so change them together with the tests.
 */
final class Pages {

    private static final String NEW_ITEM_INPUT =
            "<input name=\"item_text\" id=\"id_new_item\" placeholder=\"Enter a to-do item\" autofocus>";

    private Pages() {}

    /** The start page; {@code error} is shown when a new list was refused. */
    static String home(Optional<String> user, Optional<String> error) {
        return layout("To-Do lists", user, """
                <h1>Start a new To-Do list</h1>
                <form method="POST" action="/lists/new">
                  %s
                  %s
                </form>
                """.formatted(NEW_ITEM_INPUT, errorBlock(error)));
    }

    static String list(Optional<String> user, TodoList list, Optional<String> error) {
        StringBuilder rows = new StringBuilder();
        int number = 1;
        for (TodoStore.Item item : list.items()) {
            rows.append("    <tr><td>")
                    .append(number++)
                    .append(": ")
                    .append(escape(item.text()))
                    .append("</td></tr>\n");
        }
        String owner = list.owner() == null
                ? ""
                : "<p>List owner: <span id=\"id_list_owner\">" + escape(list.owner()) + "</span></p>\n";
        return layout("To-Do list " + list.id(), user, """
                <h1>Your To-Do list</h1>
                %s<form method="POST" action="/lists/%d/items">
                  %s
                  %s
                </form>
                <table id="id_list_table">
                %s</table>
                """.formatted(
                        owner, list.id(), NEW_ITEM_INPUT, errorBlock(error), rows));
    }

    static String myLists(Optional<String> user, String owner, List<TodoList> lists) {
        StringBuilder links = new StringBuilder();
        for (TodoList list : lists) {
            // A list is known by its first item, as in the book; an empty one by its number.
            String name = list.items().isEmpty()
                    ? "List " + list.id()
                    : list.items().get(0).text();
            links.append("  <li><a href=\"/lists/")
                    .append(list.id())
                    .append("/\">")
                    .append(escape(name))
                    .append("</a></li>\n");
        }
        return layout("My lists", user, """
                <h1>My lists</h1>
                <p><span id="id_lists_owner">%s</span>'s lists</p>
                <ul id="id_my_lists">
                %s</ul>
                """.formatted(escape(owner), links));
    }

    /** After asking to log in: the link is on its way. */
    static String checkEmail(Optional<String> user, String email) {
        return layout("Check your e-mail", user, """
                <h1>Check your e-mail</h1>
                <p id="id_check_email">We sent a login link to %s. Follow it to log in.</p>
                """.formatted(escape(email)));
    }

    static String notFound(Optional<String> user, String what) {
        return layout("Not found", user, """
                <h1>Not found</h1>
                <p>%s</p>
                <p><a href="/">Start a new To-Do list</a></p>
                """.formatted(escape(what)));
    }

    static String methodNotAllowed(String method) {
        return layout("Method not allowed", Optional.empty(), """
                <h1>Method not allowed</h1>
                <p>This page does not accept %s requests.</p>
                """.formatted(escape(method)));
    }

    /**
     * Escapes text for element content and double-quoted attribute values (this class quotes no attribute with
     * {@code '}). Apostrophes stay, so that "You can't have an empty list item" reads the same in the page source.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Percent-encodes one URL path segment, e.g. an email address in {@code /lists/users/EMAIL/}. */
    static String pathSegment(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    static String myListsPath(String email) {
        return "/lists/users/" + pathSegment(email) + "/";
    }

    private static String errorBlock(Optional<String> error) {
        return error.map(message -> "<div class=\"has-error\">" + escape(message) + "</div>")
                .orElse("");
    }

    private static String layout(String title, Optional<String> user, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="stylesheet" href="/static/app.css">
                </head>
                <body>
                <nav>
                <a class="brand" href="/">Superlists</a>
                %s</nav>
                <main>
                %s</main>
                </body>
                </html>
                """.formatted(escape(title), navigation(user), body);
    }

    private static String navigation(Optional<String> user) {
        if (user.isPresent()) {
            String email = user.get();
            return """
                    <a id="id_my_lists_link" href="%s">My lists</a>
                    <span id="id_logged_in_as">Logged in as %s</span>
                    <form method="POST" action="/logout"><button id="id_logout" type="submit">Log out</button></form>
                    """.formatted(escape(myListsPath(email)), escape(email));
        }
        return """
                <form method="POST" action="/login">
                  <input name="email" id="id_email" type="email" placeholder="your@email.com" required>
                  <button id="id_login" type="submit">Log in</button>
                </form>
                """;
    }
}
