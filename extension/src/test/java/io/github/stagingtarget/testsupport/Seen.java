package io.github.stagingtarget.testsupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the fixtures of one test saw during its EngineTestKit runs, apart from what any other test's
 * fixtures saw — also while test classes run in parallel. The test owns one ({@code @RegisterExtension
 * final Seen seen = Seen.open();}, which closes it after each test), hands {@link #parameters()} to the kit,
 * and reads {@link #values()}. A fixture class declares {@code @ExtendWith(Seen.Resolver.class)} and takes a {@code Seen}
 * parameter: the resolver finds the collector of its own run by the id in the configuration parameter
 * {@value #PARAMETER}.
 */
public final class Seen implements AutoCloseable, AfterEachCallback {

    public static final String PARAMETER = "stagingtarget.test.seen";

    private static final Map<String, Seen> OPEN = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final List<Object> values = new CopyOnWriteArrayList<>();

    private Seen() {}

    public static Seen open() {
        Seen seen = new Seen();
        OPEN.put(seen.id, seen);
        return seen;
    }

    /** The configuration parameter that leads a run's fixtures to this collector. */
    public Map<String, String> parameters() {
        return Map.of(PARAMETER, id);
    }

    public void add(Object value) {
        values.add(value);
    }

    /** What was seen so far, in order. */
    public List<Object> values() {
        return values;
    }

    @Override
    public void close() {
        OPEN.remove(id);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Resolves a fixture's {@code Seen} parameter to the collector of the run it takes part in. */
    public static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Seen.class;
        }

        @Override
        public Seen resolveParameter(ParameterContext parameter, ExtensionContext context) {
            String id = context.getConfigurationParameter(PARAMETER)
                    .orElseThrow(() -> new ParameterResolutionException(
                            "No configuration parameter " + PARAMETER + ": run the fixture with Seen.parameters()"));
            Seen seen = OPEN.get(id);
            if (seen == null) {
                throw new ParameterResolutionException("The Seen collector " + id + " is closed");
            }
            return seen;
        }
    }
}
