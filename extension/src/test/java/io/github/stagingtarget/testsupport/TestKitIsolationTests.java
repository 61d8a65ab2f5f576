package io.github.stagingtarget.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What lets the suite run its classes in parallel: fixture runs that keep to themselves. */
class TestKitIsolationTests {

    @TempDir
    Path dir;

    @Test
    void runsAtTheSameTimeSeeOnlyWhatTheirOwnFixturesSaw() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        try (Seen first = Seen.open();
                Seen second = Seen.open()) {
            CompletableFuture<?> one = CompletableFuture.runAsync(() -> run(first, "one", together));
            CompletableFuture<?> two = CompletableFuture.runAsync(() -> run(second, "two", together));
            CompletableFuture.allOf(one, two).get(60, TimeUnit.SECONDS);

            assertThat(first.values()).containsExactly("one");
            assertThat(second.values()).containsExactly("two");
        }
    }

    private void run(Seen seen, String marker, CyclicBarrier together) {
        try {
            together.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        StagingTargetTestKit.run(
                        dir.resolve("unused.conf"),
                        "local",
                        Map.of(Seen.PARAMETER, seen.parameters().get(Seen.PARAMETER), "marker", marker),
                        MarkerTestCase.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));
    }

    @ExtendWith(Seen.Resolver.class)
    static class MarkerTestCase {
        @Test
        void test(Seen seen, @ConfigurationValue("marker") String marker) {
            seen.add(marker);
        }
    }

    @Test
    void aFixtureRunIsSequentialInTheCallingThreadThoughTheSuiteRunsClassesInParallel() {
        try (Seen seen = Seen.open()) {
            StagingTargetTestKit.run(dir.resolve("unused.conf"), "local", seen.parameters(), ThreadTestCase.class)
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));

            assertThat(seen.values()).containsExactly(Thread.currentThread().getName());
        }
    }

    @ExtendWith(Seen.Resolver.class)
    static class ThreadTestCase {
        @Test
        void test(Seen seen) {
            seen.add(Thread.currentThread().getName());
        }
    }
}
