package io.github.stagingtarget.launch;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of a launched child JVM: runs the application's main class and exits as soon as the test JVM
 * is gone. The test JVM holds the write end of this process's standard input and never writes; when it
 * dies, even from {@code kill -9}, the pipe closes and the read below returns end-of-file. Shutdown hooks
 * cannot cover that case, and an orphaned server would keep its port and database busy.
 *
 * <p>Not API.
 */
public final class ChildJvmMain {

    private ChildJvmMain() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ChildJvmMain MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(ChildJvmMain::exitWhenParentIsGone, "staging-target-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentIsGone() {
        InputStream in = System.in;
        try {
            while (in.read() >= 0) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file.
        }
        System.err.println("[staging-target] the test JVM is gone; stopping the application");
        System.exit(143);
    }
}
