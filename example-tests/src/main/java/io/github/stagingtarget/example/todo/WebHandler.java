package io.github.stagingtarget.example.todo;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;

/**
 * The server-rendered pages, login and logout, {@code /health} and {@code /version}. Handles every request that
 * reaches it, answering unknown paths with the 404 page, so it must come last.
 */
final class WebHandler extends Handler.Abstract {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebHandler.class);

    private static final Pattern LIST = Pattern.compile("/lists/(\\d+)/");
    private static final Pattern LIST_ITEMS = Pattern.compile("/lists/(\\d+)/items");
    private static final Pattern USER_LISTS = Pattern.compile("/lists/users/([^/]+)/");

    private final TodoStore store;
    private final String version;
    private final Mailer mailer;

    WebHandler(TodoStore store, String version, Mailer mailer) {
        this.store = store;
        this.version = version;
        this.mailer = mailer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Matcher matcher;
        if (path.equals("/health")) {
            return only("GET", request, response, callback, () -> health(response, callback));
        }
        if (path.equals("/version")) {
            return only(
                    "GET",
                    request,
                    response,
                    callback,
                    () -> Http.send(response, callback, HttpStatus.OK_200, Http.TEXT, version));
        }
        Optional<String> user = currentUser(request);
        if (path.equals("/")) {
            return only(
                    "GET",
                    request,
                    response,
                    callback,
                    () -> Http.send(
                            response, callback, HttpStatus.OK_200, Http.HTML, Pages.home(user, Optional.empty())));
        }
        if (path.equals("/lists/new")) {
            return only("POST", request, response, callback, () -> newList(request, response, callback, user));
        }
        if ((matcher = LIST.matcher(path)).matches()) {
            OptionalLong id = Http.id(matcher.group(1));
            return only("GET", request, response, callback, () -> viewList(response, callback, user, id));
        }
        if ((matcher = LIST_ITEMS.matcher(path)).matches()) {
            OptionalLong id = Http.id(matcher.group(1));
            return only("POST", request, response, callback, () -> addItem(request, response, callback, user, id));
        }
        if ((matcher = USER_LISTS.matcher(path)).matches()) {
            // The canonical path leaves characters such as < and % encoded; decode them once, here.
            String owner = URIUtil.decodePath(matcher.group(1));
            return only(
                    "GET",
                    request,
                    response,
                    callback,
                    () -> Http.send(
                            response,
                            callback,
                            HttpStatus.OK_200,
                            Http.HTML,
                            Pages.myLists(user, owner, store.listsOwnedBy(owner))));
        }
        if (path.equals("/login")) {
            return only("POST", request, response, callback, () -> login(request, response, callback, user));
        }
        if (path.equals("/login/confirm")) {
            return only("GET", request, response, callback, () -> confirmLogin(request, response, callback, user));
        }
        if (path.equals("/logout")) {
            return only("POST", request, response, callback, () -> logout(request, response, callback));
        }
        Http.send(
                response,
                callback,
                HttpStatus.NOT_FOUND_404,
                Http.HTML,
                Pages.notFound(user, "There is no page at " + path + "."));
        return true;
    }

    private void health(Response response, Callback callback) {
        if (store.answers()) {
            Http.send(response, callback, HttpStatus.OK_200, Http.TEXT, "ok");
        } else {
            Http.send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, Http.TEXT, "database unavailable");
        }
    }

    private void newList(Request request, Response response, Callback callback, Optional<String> user)
            throws Exception {
        String text = form(request).getValue("item_text");
        Optional<String> problem = TodoStore.itemTextProblem(text);
        if (problem.isPresent()) {
            Http.send(response, callback, HttpStatus.BAD_REQUEST_400, Http.HTML, Pages.home(user, problem));
            return;
        }
        TodoStore.TodoList list = store.createList(user, List.of(text));
        Http.seeOther(request, response, callback, "/lists/" + list.id() + "/");
    }

    private void viewList(Response response, Callback callback, Optional<String> user, OptionalLong id)
            throws SQLException {
        Optional<TodoStore.TodoList> list = id.isPresent() ? store.findList(id.getAsLong()) : Optional.empty();
        if (list.isEmpty()) {
            listNotFound(response, callback, user);
            return;
        }
        Http.send(response, callback, HttpStatus.OK_200, Http.HTML, Pages.list(user, list.get(), Optional.empty()));
    }

    private void addItem(Request request, Response response, Callback callback, Optional<String> user, OptionalLong id)
            throws Exception {
        Optional<TodoStore.TodoList> list = id.isPresent() ? store.findList(id.getAsLong()) : Optional.empty();
        if (list.isEmpty()) {
            listNotFound(response, callback, user);
            return;
        }
        String text = form(request).getValue("item_text");
        Optional<String> problem = TodoStore.itemTextProblem(text);
        if (problem.isPresent()) {
            Http.send(response, callback, HttpStatus.BAD_REQUEST_400, Http.HTML, Pages.list(user, list.get(), problem));
            return;
        }
        store.addItem(list.get().id(), text);
        Http.seeOther(request, response, callback, "/lists/" + list.get().id() + "/");
    }

    private void login(Request request, Response response, Callback callback, Optional<String> user) throws Exception {
        String email = Optional.ofNullable(form(request).getValue("email"))
                .map(String::strip)
                .orElse("");
        if (!TodoStore.isEmail(email)) {
            Http.send(
                    response,
                    callback,
                    HttpStatus.BAD_REQUEST_400,
                    Http.HTML,
                    Pages.home(user, Optional.of("Enter a valid email address to log in")));
            return;
        }
        if (!mailer.enabled()) {
            // Development without a mail server: the address alone logs in.
            Http.setSessionCookie(response, store.createSession(email));
            Http.seeOther(request, response, callback, "/");
            return;
        }
        String token = store.createLoginToken(email);
        HttpURI uri = request.getHttpURI();
        // The Host the visitor used (nginx passes it on), so that the link leads back to the same site.
        String link = uri.getScheme() + "://" + uri.getAuthority() + "/login/confirm?token=" + token;
        try {
            mailer.sendLoginLink(email, link);
        } catch (jakarta.mail.MessagingException e) {
            LOG.warn("Cannot send the login link to {}: {}", email, e.toString());
            Http.send(
                    response,
                    callback,
                    HttpStatus.SERVICE_UNAVAILABLE_503,
                    Http.HTML,
                    Pages.home(user, Optional.of("We could not send the login e-mail; try again later")));
            return;
        }
        LOG.info("Sent a login link to {}", email);
        Http.send(response, callback, HttpStatus.OK_200, Http.HTML, Pages.checkEmail(user, email));
    }

    private void confirmLogin(Request request, Response response, Callback callback, Optional<String> user)
            throws Exception {
        String token = Optional.ofNullable(
                        Request.extractQueryParameters(request).getValue("token"))
                .orElse("");
        Optional<String> email = token.isEmpty() ? Optional.empty() : store.useLoginToken(token);
        if (email.isEmpty()) {
            Http.send(
                    response,
                    callback,
                    HttpStatus.BAD_REQUEST_400,
                    Http.HTML,
                    Pages.home(user, Optional.of("This login link is invalid or has expired; ask for a new one")));
            return;
        }
        Http.setSessionCookie(response, store.createSession(email.get()));
        Http.seeOther(request, response, callback, "/");
    }

    private void logout(Request request, Response response, Callback callback) throws SQLException {
        Optional<String> key = Http.sessionKey(request);
        if (key.isPresent()) {
            store.deleteSession(key.get());
        }
        Http.clearSessionCookie(response);
        Http.seeOther(request, response, callback, "/");
    }

    private void listNotFound(Response response, Callback callback, Optional<String> user) {
        Http.send(
                response,
                callback,
                HttpStatus.NOT_FOUND_404,
                Http.HTML,
                Pages.notFound(user, "There is no such To-Do list."));
    }

    private Optional<String> currentUser(Request request) throws SQLException {
        Optional<String> key = Http.sessionKey(request);
        return key.isPresent() ? store.userForSession(key.get()) : Optional.empty();
    }

    /** The posted form only: a query string must not stand in for a form field. */
    private static Fields form(Request request) {
        return FormFields.getFields(request);
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} for the one method a path allows, else answers 405. */
    private static boolean only(String allowed, Request request, Response response, Callback callback, Action action)
            throws Exception {
        if (allowed.equals(request.getMethod())) {
            action.run();
        } else {
            response.getHeaders().put(HttpHeader.ALLOW, allowed);
            Http.send(
                    response,
                    callback,
                    HttpStatus.METHOD_NOT_ALLOWED_405,
                    Http.HTML,
                    Pages.methodNotAllowed(request.getMethod()));
        }
        return true;
    }
}
