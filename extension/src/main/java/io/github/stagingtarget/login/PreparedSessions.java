package io.github.stagingtarget.login;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apiguardian.api.API;

/**
 * Session keys made ahead, in a fixture round trip ({@link io.github.stagingtarget.PreAuthenticated}),
 * handed out once each by {@link io.github.stagingtarget.session.Sessions#create(String)}. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class PreparedSessions {

    // Fixtures of a class and of its tests may add keys while parallel tests take them.
    private final Map<String, Queue<String>> keys = new ConcurrentHashMap<>();

    public void add(String email, String key) {
        keys.computeIfAbsent(email, e -> new ConcurrentLinkedQueue<>()).add(key);
    }

    /** The next unused key made for this user, if any; each key is handed out once. */
    public Optional<String> take(String email) {
        Queue<String> waiting = keys.get(email);
        return waiting == null ? Optional.empty() : Optional.ofNullable(waiting.poll());
    }
}
