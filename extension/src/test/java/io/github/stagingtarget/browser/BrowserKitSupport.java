package io.github.stagingtarget.browser;

import io.github.stagingtarget.testsupport.BrowserProcesses;
import io.github.stagingtarget.testsupport.ConfigFiles;
import io.github.stagingtarget.testsupport.StagingTargetTestKit;
import io.github.stagingtarget.testsupport.TestPages;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * For tests that run browser fixtures: serves {@link TestPages} for the class, runs fixtures against
 * them, and checks after every test that no browser or driver process of the run is left — holding
 * {@link BrowserProcesses#LOCK}, so that no other class's browser is running then.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(BrowserProcesses.LOCK)
abstract class BrowserKitSupport {

    TestPages pages;

    @TempDir
    Path dir;

    @BeforeAll
    void servePages() {
        pages = TestPages.start();
    }

    @AfterAll
    void stopPages() {
        pages.close();
    }

    @AfterEach
    void everyBrowserIsQuit() {
        BrowserFixtures.assertNoBrowserProcessLeft();
    }

    /** Runs {@code fixtures} on target {@code local}; {@code browser} is the body of its browser block. */
    EngineExecutionResults run(String browser, Class<?>... fixtures) {
        return run(browser, Map.of(), fixtures);
    }

    EngineExecutionResults run(String browser, Map<String, String> parameters, Class<?>... fixtures) {
        return StagingTargetTestKit.run(ConfigFiles.write(dir, pages.config(browser)), "local", parameters, fixtures);
    }
}
