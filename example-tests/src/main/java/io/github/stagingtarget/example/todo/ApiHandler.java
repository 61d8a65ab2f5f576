package io.github.stagingtarget.example.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@code /api/}. Trailing slashes are optional here, unlike on the pages.
 *
 * <pre>
 * GET  /api/lists[?owner=EMAIL]   200 [list, ...]
 * POST /api/lists/                201 list, Location: /api/lists/ID/     body optional: {"items": ["a", "b"]}
 * GET  /api/lists/ID/             200 list                               list = {"id": 7, "owner": null, "items": [item]}
 * POST /api/lists/ID/items        201 item                               body {"text": "..."}; item = {"id": 1, "text": "..."}
 * </pre>
 *
 * Errors are {@code {"error": "..."}} with 400 (bad JSON or text), 404 or 405.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private static final Pattern LISTS = Pattern.compile("/api/lists/?");
    private static final Pattern LIST = Pattern.compile("/api/lists/(\\d+)/?");
    private static final Pattern LIST_ITEMS = Pattern.compile("/api/lists/(\\d+)/items/?");
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final TodoStore store;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    ApiHandler(TodoStore store) {
        this.store = store;
    }

    /** A client mistake, answered with its status and message instead of a 500. */
    private static final class ApiError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return false;
        }
        try {
            route(path, request, response, callback);
        } catch (ApiError e) {
            json(response, callback, e.status, Map.of("error", e.getMessage()));
        } catch (Exception e) {
            LOG.error("{} {} failed", request.getMethod(), path, e);
            json(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Map.of("error", "Internal server error"));
        }
        return true;
    }

    private void route(String path, Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        Matcher matcher;
        if (LISTS.matcher(path).matches()) {
            allow("GET, POST", method, response);
            if (method.equals("GET")) {
                String owner = Request.extractQueryParameters(request).getValue("owner");
                json(
                        response,
                        callback,
                        HttpStatus.OK_200,
                        owner == null ? store.allLists() : store.listsOwnedBy(owner));
            } else {
                createList(request, response, callback);
            }
        } else if ((matcher = LIST.matcher(path)).matches()) {
            allow("GET", method, response);
            json(response, callback, HttpStatus.OK_200, existingList(matcher.group(1)));
        } else if ((matcher = LIST_ITEMS.matcher(path)).matches()) {
            allow("POST", method, response);
            addItem(matcher.group(1), request, response, callback);
        } else {
            throw new ApiError(HttpStatus.NOT_FOUND_404, "No API at " + path);
        }
    }

    private void createList(Request request, Response response, Callback callback) throws Exception {
        JsonNode body = body(request);
        List<String> texts = new ArrayList<>();
        JsonNode items = body.path("items");
        if (!items.isMissingNode() && !items.isArray()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "\"items\" must be an array of strings");
        }
        for (JsonNode item : items) {
            texts.add(text(item, "\"items\" must be an array of strings"));
        }
        TodoStore.TodoList list = store.createList(currentUser(request), texts);
        response.getHeaders().put(HttpHeader.LOCATION, "/api/lists/" + list.id() + "/");
        json(response, callback, HttpStatus.CREATED_201, list);
    }

    private void addItem(String id, Request request, Response response, Callback callback) throws Exception {
        JsonNode body = body(request);
        TodoStore.TodoList list = existingList(id);
        String text = text(body.path("text"), "\"text\" must be a string");
        Optional<TodoStore.Item> item = store.addItem(list.id(), text);
        if (item.isEmpty()) {
            throw notFound(id); // deleted meanwhile, e.g. by `db reset`
        }
        json(response, callback, HttpStatus.CREATED_201, item.get());
    }

    private TodoStore.TodoList existingList(String id) throws Exception {
        OptionalLong parsed = Http.id(id);
        if (parsed.isEmpty()) {
            throw notFound(id);
        }
        return store.findList(parsed.getAsLong()).orElseThrow(() -> notFound(id));
    }

    /** A valid item text; a missing or null one counts as empty, another JSON type as a type mistake. */
    private static String text(JsonNode node, String typeError) throws ApiError {
        if (!node.isMissingNode() && !node.isNull() && !node.isTextual()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, typeError);
        }
        String text = node.isTextual() ? node.textValue() : null;
        Optional<String> problem = TodoStore.itemTextProblem(text);
        if (problem.isPresent()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, problem.get());
        }
        return text;
    }

    /** The request body as a JSON object; an empty body counts as {@code {}}. */
    private JsonNode body(Request request) throws ApiError, IOException {
        byte[] bytes;
        try (InputStream in = Request.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError(
                    HttpStatus.PAYLOAD_TOO_LARGE_413, "The request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return mapper.createObjectNode();
        }
        JsonNode body;
        try {
            body = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "Malformed JSON: " + e.getOriginalMessage());
        }
        if (!body.isObject()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "The request body must be a JSON object");
        }
        return body;
    }

    private Optional<String> currentUser(Request request) throws Exception {
        Optional<String> key = Http.sessionKey(request);
        return key.isPresent() ? store.userForSession(key.get()) : Optional.empty();
    }

    private static void allow(String allowed, String method, Response response) throws ApiError {
        if (!List.of(allowed.split(", ")).contains(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, allowed);
            throw new ApiError(HttpStatus.METHOD_NOT_ALLOWED_405, method + " is not allowed here; use " + allowed);
        }
    }

    private static ApiError notFound(String id) {
        return new ApiError(HttpStatus.NOT_FOUND_404, "There is no list " + id);
    }

    private void json(Response response, Callback callback, int status, Object value) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only our own records and maps are written here: a failure is a bug, not a client error.
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
        Http.send(response, callback, status, Http.JSON, body);
    }
}
