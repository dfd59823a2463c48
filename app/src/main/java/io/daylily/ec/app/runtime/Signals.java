package io.daylily.ec.app.runtime;

import io.daylily.ec.api.ExitCode;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGINT and SIGTERM as exit codes 130 and 143: the handlers remember which signal came and exit
 * the JVM with its code, so the shutdown hook of a run in progress records the same code the process
 * ends with (console, {@code --json}, report and state agree). Uses the JDK's {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}); where it is unavailable the JVM's own handling stays, and a run
 * cut short is recorded as {@link ExitCode#TERMINATED}.
 */
public final class Signals {
    private static final AtomicReference<ExitCode> RECEIVED = new AtomicReference<>();
    private static volatile boolean installed;

    private Signals() {
    }

    /** Installs the two handlers once per JVM; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        handle("INT", ExitCode.INTERRUPTED);
        handle("TERM", ExitCode.TERMINATED);
    }

    private static void handle(String name, ExitCode code) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> received(code));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // the signal is reserved here (a debugger, -Xrs) or the API is absent: the JVM's handling stays
        }
    }

    /** Records {@code code} (the first signal wins) and exits with it on a new thread (never on the handler's). */
    static void received(ExitCode code) {
        RECEIVED.compareAndSet(null, code);
        Thread t = new Thread(() -> System.exit(RECEIVED.get().code()), "daylily-signal-exit");
        t.setDaemon(false);
        t.start();
    }

    /** The signal's code, when one ended the process. */
    public static Optional<ExitCode> received() {
        return Optional.ofNullable(RECEIVED.get());
    }

    /** The code a run cut short by the JVM's shutdown records: the signal's, else {@link ExitCode#TERMINATED}. */
    public static ExitCode shutdownCode() {
        return received().orElse(ExitCode.TERMINATED);
    }
}
