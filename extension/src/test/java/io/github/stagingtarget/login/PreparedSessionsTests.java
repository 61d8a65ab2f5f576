package io.github.stagingtarget.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PreparedSessionsTests {

    private static final int THREADS = 8;
    private static final int KEYS = 20_000;

    @Test
    void keysAddedAndTakenFromManyThreadsAreEachHandedOutOnce() throws Exception {
        // A class's fixtures and its tests' fixtures add keys for the same user while parallel tests take them.
        PreparedSessions sessions = new PreparedSessions();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    List<String> taken = new ArrayList<>();
                    for (int i = 0; i < KEYS; i++) {
                        sessions.add("ada@example.com", thread + "-" + i);
                        if (i % 2 == 0) {
                            sessions.take("ada@example.com").ifPresent(taken::add);
                        }
                    }
                    return taken;
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            int count = 0;
            for (Future<List<String>> worker : workers) {
                List<String> taken = worker.get(60, TimeUnit.SECONDS);
                distinct.addAll(taken);
                count += taken.size();
            }
            for (Optional<String> key = sessions.take("ada@example.com");
                    key.isPresent();
                    key = sessions.take("ada@example.com")) {
                distinct.add(key.get());
                count++;
            }
            assertThat(count).isEqualTo(THREADS * KEYS);
            assertThat(distinct).hasSize(THREADS * KEYS);
        } finally {
            pool.shutdownNow();
        }
    }
}
