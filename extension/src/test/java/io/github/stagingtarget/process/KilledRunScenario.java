package io.github.stagingtarget.process;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

/**
 * A test run to be killed: the main class of a JVM of its own, started by {@link KillNineTests}. It runs
 * {@link HoldingTestCase} through the extension — which launches the application and starts a browser —
 * prints {@code ready} and waits to be killed. The test also starts a process of its own, not through the
 * extension, whose pid it writes to {@code unrelated} next to the configuration file: the run did not start
 * it, so the run's supervisor must leave it alone.
 */
public final class KilledRunScenario {

    private static Path directory;

    private KilledRunScenario() {}

    /** @param args the configuration file */
    public static void main(String[] args) {
        Path config = Path.of(args[0]);
        directory = config.toAbsolutePath().getParent();
        StagingTargetTestKit.run(config, "local", HoldingTestCase.class);
        System.out.println("the run ended before it was killed");
    }

    @StagingTarget
    static class HoldingTestCase {

        @Test
        void holds(Target target, WebDriver driver) throws Exception {
            driver.get(target.baseUri().toString());
            Process unrelated = new ProcessBuilder("sleep", "604").start();
            Files.writeString(directory.resolve("unrelated"), Long.toString(unrelated.pid()));
            System.out.println("ready");
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
