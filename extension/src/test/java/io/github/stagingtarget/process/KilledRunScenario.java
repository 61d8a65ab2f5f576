package io.github.stagingtarget.process;

import io.github.stagingtarget.StagingTarget;
import io.github.stagingtarget.Target;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriver;

/**
 * A test run to be killed: the main class of a JVM of its own, started by {@link KillNineTests}. It runs
 * {@link HoldingTestCase} through the extension — which launches the application and starts a browser —
 * prints {@code ready} and waits to be killed.
 */
public final class KilledRunScenario {

    private KilledRunScenario() {}

    /** @param args the configuration file */
    public static void main(String[] args) {
        StagingTargetTestKit.run(Path.of(args[0]), "local", HoldingTestCase.class);
        System.out.println("the run ended before it was killed");
    }

    @StagingTarget
    static class HoldingTestCase {

        @Test
        void holds(Target target, WebDriver driver) throws InterruptedException {
            driver.get(target.baseUri().toString());
            System.out.println("ready");
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }
}
