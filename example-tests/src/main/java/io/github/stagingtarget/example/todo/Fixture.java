package io.github.stagingtarget.example.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test data for {@code db seed FILE}, read from JSON such as
 *
 * <pre>{@code
 * {"users": [{"email": "edith@example.com"}],
 *  "lists": [{"id": 1, "owner": "edith@example.com", "items": ["Buy peacock feathers"]}]}
 * }</pre>
 *
 * Every key is optional. Unknown keys are errors, so that a typo does not silently seed less than intended.
 */
record Fixture(List<User> users, List<TodoListSpec> lists) {

    record User(String email) {}

    record TodoListSpec(Optional<Long> id, Optional<String> owner, List<String> items) {}

    /** Trailing tokens fail too: a fixture cut and pasted twice into one file is a mistake, not two fixtures. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The JSON shape; absent keys arrive as {@code null} and are normalised by {@link #read(Path)}. */
    private record Json(List<JsonUser> users, List<JsonList> lists) {}

    private record JsonUser(String email) {}

    private record JsonList(Long id, String owner, List<String> items) {}

    /**
     * Reads and checks a fixture file before anything touches the database.
     *
     * @throws IOException with a message that names the file, for a missing file, bad JSON or invalid content
     */
    static Fixture read(Path file) throws IOException {
        Json json;
        try {
            json = MAPPER.readValue(Files.readAllBytes(file), Json.class);
        } catch (NoSuchFileException e) {
            throw new IOException("Fixture file not found: " + file.toAbsolutePath(), e);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr();
            throw new IOException(file + where + ": not a valid fixture: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IOException("Cannot read fixture file " + file.toAbsolutePath() + ": " + e, e);
        }
        if (json == null) {
            throw new IOException(file + ": not a valid fixture: expected a JSON object but found null");
        }
        List<User> users = new ArrayList<>();
        for (JsonUser user : nullToEmpty(json.users())) {
            if (user == null || !TodoStore.isEmail(user.email())) {
                throw invalid(
                        file,
                        "every user needs an \"email\" like edith@example.com but found "
                                + (user == null ? "null" : user.email()));
            }
            users.add(new User(user.email()));
        }
        List<TodoListSpec> lists = new ArrayList<>();
        for (JsonList list : nullToEmpty(json.lists())) {
            lists.add(spec(file, list));
        }
        return new Fixture(List.copyOf(users), List.copyOf(lists));
    }

    private static TodoListSpec spec(Path file, JsonList list) throws IOException {
        if (list == null) {
            throw invalid(file, "a list must be an object but found null");
        }
        if (list.id() != null && list.id() < 1) {
            throw invalid(file, "list ids must be positive but found " + list.id());
        }
        if (list.owner() != null && !TodoStore.isEmail(list.owner())) {
            throw invalid(file, "a list's \"owner\" must be an email address but found " + list.owner());
        }
        List<String> items = nullToEmpty(list.items());
        for (String item : items) {
            Optional<String> problem = TodoStore.itemTextProblem(item);
            if (problem.isPresent()) {
                throw invalid(file, "list item " + (item == null ? "null" : '"' + item + '"') + ": " + problem.get());
            }
        }
        return new TodoListSpec(Optional.ofNullable(list.id()), Optional.ofNullable(list.owner()), List.copyOf(items));
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static IOException invalid(Path file, String message) {
        return new IOException(file + ": not a valid fixture: " + message);
    }
}
