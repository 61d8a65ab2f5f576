package io.github.stagingtarget.doctor;

import io.github.stagingtarget.config.ServerSettings;
import io.github.stagingtarget.config.TargetSettings;
import io.github.stagingtarget.console.ConsoleException;
import io.github.stagingtarget.console.shell.ExecConsole;
import io.github.stagingtarget.console.shell.ExecSettings;
import io.github.stagingtarget.console.shell.ShellConsole;
import io.github.stagingtarget.console.ssh.SshConsole;
import io.github.stagingtarget.runlock.RunLock;
import io.github.stagingtarget.runlock.RunLockSettings;
import io.github.stagingtarget.secrets.SecretMask;
import java.time.Duration;

/** SSH (or the exec console), the run lock and the browser: connects and starts each once, as the tests will. */
final class ServerChecks {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private ServerChecks() {}

    static CheckResult ssh(ServerSettings server, SecretMask mask) {
        if (server.exec().isPresent()) {
            return exec(server, mask);
        }
        if (server.ssh().isEmpty()) {
            return CheckResult.ok(
                    "ssh", "not used (" + server.consoleType().name().toLowerCase(java.util.Locale.ROOT) + " console)");
        }
        var settings = server.ssh().get();
        try (SshConsole console = new SshConsole(settings, System::getenv, mask, COMMAND_TIMEOUT)) {
            console.run("true").requireSuccess();
            return CheckResult.ok("ssh", settings.address() + ": host key verified, authenticated, commands run");
        } catch (ConsoleException e) {
            return CheckResult.fail("ssh", e.getMessage(), "see \"SSH setup\" in docs/console.md");
        }
    }

    /** The exec console: its command starts a shell in the target, and a command runs there. */
    private static CheckResult exec(ServerSettings server, SecretMask mask) {
        ExecSettings settings = server.exec().orElseThrow();
        try (ExecConsole console = new ExecConsole(settings, COMMAND_TIMEOUT, mask)) {
            console.run("true").requireSuccess();
            return CheckResult.ok("exec", console.describe() + ": shell started, commands run");
        } catch (ConsoleException e) {
            return CheckResult.fail("exec", e.getMessage(), "see \"Exec console\" in docs/console.md");
        }
    }

    /** The run lock's state on the server: free, or held by whom; it neither takes nor creates it. */
    static CheckResult runLock(ServerSettings server, SecretMask mask) {
        RunLockSettings lock = server.runLock();
        if (lock.mode() == RunLockSettings.Mode.OFF) {
            return CheckResult.ok("run lock", "not used (" + lock.key("mode") + " = off)");
        }
        String when = lock.mode() == RunLockSettings.Mode.ALWAYS
                ? " (taken before the first test class)"
                : " (taken before the first reset or seed)";
        try (ShellConsole console = server.newConsole(mask)) {
            return CheckResult.ok("run lock", RunLock.status(console, lock) + when);
        } catch (RuntimeException e) {
            return CheckResult.fail(
                    "run lock", mask.apply(String.valueOf(e.getMessage())), "see \"The run lock\" in docs/console.md");
        }
    }

    static CheckResult browser(TargetSettings target) {
        if (!seleniumIsPresent()) {
            return CheckResult.ok("browser", "not checked (no Selenium on the class path)");
        }
        try {
            String started = io.github.stagingtarget.browser.BrowserProbe.startAndQuit(target);
            return CheckResult.ok("browser", "started and quit " + started);
        } catch (RuntimeException e) {
            return CheckResult.fail("browser", e.getMessage(), "see docs/browser.md");
        }
    }

    private static boolean seleniumIsPresent() {
        try {
            Class.forName("org.openqa.selenium.WebDriver", false, ServerChecks.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
