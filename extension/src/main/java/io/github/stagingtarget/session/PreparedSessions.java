package io.github.stagingtarget.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session keys made ahead, in a fixture round trip ({@link io.github.stagingtarget.PreAuthenticated}),
 * handed out once each by {@link Sessions#create(String)}. Thread-safe.
 */
public final class PreparedSessions {

    private final Map<String, Deque<String>> keys = new ConcurrentHashMap<>();

    public void add(String email, String key) {
        keys.computeIfAbsent(email, e -> new ArrayDeque<>()).add(key);
    }

    /** The next unused key made for this user, if any; each key is handed out once. */
    public Optional<String> take(String email) {
        Deque<String> waiting = keys.get(email);
        if (waiting == null) {
            return Optional.empty();
        }
        synchronized (waiting) {
            return Optional.ofNullable(waiting.poll());
        }
    }
}
