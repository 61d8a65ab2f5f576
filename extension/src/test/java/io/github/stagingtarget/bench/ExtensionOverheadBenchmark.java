package io.github.stagingtarget.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension's cost per test class, as a user sees it: N generated trivial test classes (one empty test
 * each) on a remote target without fixtures, browser or readiness wait, run with and without
 * {@code @StagingTarget}. Every measurement is a fresh JVM (as a Failsafe fork is) that times its own JUnit
 * run; sizes 1 and N of both kinds are interleaved in each round, so the per-class figure after the first is
 * {@code ((with(N) - with(1)) - (without(N) - without(1))) / (N - 1)}, medians over the rounds. Run by
 * {@code bench/extension-overhead.sh}. Arguments: WORK_DIR N ROUNDS. Prints a Markdown table.
 */
public final class ExtensionOverheadBenchmark {

    private ExtensionOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path classes = compile(work, n);
        Path config = Files.writeString(work.resolve("staging-target.conf"), """
                staging-target.targets.remote {
                  base-url = "http://127.0.0.1:1/"
                  ready.enabled = false
                }
                """);
        List<Long> withN = new ArrayList<>();
        List<Long> with1 = new ArrayList<>();
        List<Long> withoutN = new ArrayList<>();
        List<Long> without1 = new ArrayList<>();
        List<Double> perClass = new ArrayList<>();
        run(classes, config, "With", 1); // warm the disk cache
        for (int round = 0; round < rounds; round++) {
            long a = run(classes, config, "With", n);
            long b = run(classes, config, "Without", n);
            long c = run(classes, config, "With", 1);
            long d = run(classes, config, "Without", 1);
            withN.add(a);
            withoutN.add(b);
            with1.add(c);
            without1.add(d);
            perClass.add(((a - c) - (b - d)) / 1e6 / (n - 1));
            System.err.printf(
                    Locale.ROOT,
                    "round %d: with %d: %.0f ms, without: %.0f ms; one class: %.0f / %.0f ms%n",
                    round + 1,
                    n,
                    a / 1e6,
                    b / 1e6,
                    c / 1e6,
                    d / 1e6);
        }
        System.out.printf(Locale.ROOT, "| Classes | with @StagingTarget, ms | without, ms | difference, ms |%n");
        System.out.printf(Locale.ROOT, "|---:|---:|---:|---:|%n");
        System.out.printf(
                Locale.ROOT,
                "| 1 | %.0f | %.0f | %.0f |%n",
                median(with1) / 1e6,
                median(without1) / 1e6,
                (median(with1) - median(without1)) / 1e6);
        System.out.printf(
                Locale.ROOT,
                "| %d | %.0f | %.0f | %.0f |%n",
                n,
                median(withN) / 1e6,
                median(withoutN) / 1e6,
                (median(withN) - median(withoutN)) / 1e6);
        System.out.printf(
                Locale.ROOT,
                "%nPer class after the first (median of %d rounds): %.1f ms%n",
                rounds,
                medianDouble(perClass));
    }

    /** N classes of each kind, compiled against this JVM's class path. */
    private static Path compile(Path work, int n) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/bench/generated"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            for (String kind : List.of("With", "Without")) {
                String annotation = kind.equals("With") ? "@io.github.stagingtarget.StagingTarget\n" : "";
                Path file = sources.resolve(kind + i + ".java");
                Files.writeString(
                        file,
                        "package bench.generated;\n" + annotation + "public class " + kind + i
                                + " {\n  @org.junit.jupiter.api.Test\n  void trivial() {\n    int x = 1 + 1;\n  }\n}\n");
                files.add(file.toString());
            }
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of(
                "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
        arguments.addAll(files);
        if (compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("could not compile the generated classes");
        }
        return classes;
    }

    /** One fresh JVM running {@code kind1..kindN}; returns the nanoseconds of its JUnit run. */
    private static long run(Path classes, Path config, String kind, int n) throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dbench.parallel=" + Boolean.getBoolean("bench.parallel"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName(),
                        classes.toString(),
                        config.toString(),
                        kind,
                        Integer.toString(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(5, TimeUnit.MINUTES) || child.exitValue() != 0) {
            throw new IllegalStateException("the benchmark JVM failed: " + out);
        }
        return Long.parseLong(out.lines()
                .filter(l -> l.startsWith("nanos "))
                .findFirst()
                .orElseThrow()
                .substring(6));
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static double medianDouble(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    /**
     * With {@code -Dbench.parallel=true}: JUnit's parallel classes as the example's Failsafe runs them (two at a
     * time), where every {@code @StagingTarget} class also takes the in-run database lock (shared).
     */
    static java.util.Map<String, String> parallel() {
        if (!Boolean.getBoolean("bench.parallel")) {
            return java.util.Map.of();
        }
        return java.util.Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2",
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size", "2");
    }

    /** The measured JVM: runs the classes through the Jupiter engine and prints {@code nanos T}. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path classes = Path.of(args[0]);
            String kind = args[2];
            int n = Integer.parseInt(args[3]);
            try (URLClassLoader loader =
                    new URLClassLoader(new URL[] {classes.toUri().toURL()}, Child.class.getClassLoader())) {
                Thread.currentThread().setContextClassLoader(loader);
                ClassSelector[] selectors = new ClassSelector[n];
                for (int i = 1; i <= n; i++) {
                    selectors[i - 1] = selectClass(loader.loadClass("bench.generated." + kind + i));
                }
                long start = System.nanoTime();
                EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                        .enableImplicitConfigurationParameters(false)
                        .configurationParameter("stagingtarget.config", args[1])
                        .configurationParameter("target", "remote")
                        .configurationParameters(parallel())
                        .selectors(selectors)
                        .execute();
                long nanos = System.nanoTime() - start;
                long succeeded = results.testEvents().succeeded().count();
                if (succeeded != n) {
                    throw new IllegalStateException(kind + ": " + succeeded + " of " + n + " tests passed: "
                            + Arrays.toString(
                                    results.allEvents().failed().list().toArray()));
                }
                System.out.println("nanos " + nanos);
            }
            System.exit(0);
        }
    }
}
