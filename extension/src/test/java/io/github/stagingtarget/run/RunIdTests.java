package io.github.stagingtarget.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RunIdTests {

    @Test
    void theRunIdIsEightLowerCaseLettersOrDigitsAndTheSameForTheWholeJvm() {
        assertThat(RunId.current().id()).matches("[a-z0-9]{8}");
        assertThat(RunId.current()).isSameAs(RunId.current());
    }

    @Test
    void randomIdsDifferAndUseTheWholeAlphabet() {
        SecureRandom random = new SecureRandom();
        Set<String> ids = new java.util.HashSet<>();
        Set<Character> characters = new java.util.HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = RunId.random(random);
            assertThat(id).matches("[a-z0-9]{8}");
            ids.add(id);
            id.chars().forEach(c -> characters.add((char) c));
        }
        assertThat(ids).hasSize(2_000);
        assertThat(characters).hasSize(36);
    }

    @Test
    void uniqueNamesArePrefixRunIdAndACounterFromOne() {
        RunId run = new RunId("k3x9q2mz");

        assertThat(run.unique("list")).isEqualTo("list-k3x9q2mz-1");
        assertThat(run.unique("list")).isEqualTo("list-k3x9q2mz-2");
        assertThat(run.unique("alice")).isEqualTo("alice-k3x9q2mz-3");
        assertThat(run.id()).isEqualTo("k3x9q2mz");
    }

    @Test
    void namesMadeByManyThreadsAtOnceAreAllDifferent() throws Exception {
        RunId run = new RunId("abcd1234");
        int threads = 8;
        int perThread = 2_000;
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        names.add(run.unique("item"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(names).hasSize(threads * perThread).contains("item-abcd1234-1", "item-abcd1234-16000");
    }

    @Test
    void aMissingPrefixIsRefusedWithWhatItIsFor() {
        RunId run = new RunId("abcd1234");

        assertThatThrownBy(() -> run.unique(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unique(prefix) needs a prefix that says what the name is for, such as \"list\" or "
                        + "\"alice\", but was ' '");
        assertThatThrownBy(() -> run.unique(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("but was null");
        assertThat(run.unique("x")).as("refused calls count nothing").isEqualTo("x-abcd1234-1");
    }

    @Test
    void anIdOfAnotherFormIsRefused() {
        assertThatThrownBy(() -> new RunId("ABCD1234"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A run id is 8 lower-case letters or digits, not 'ABCD1234'");
    }
}
