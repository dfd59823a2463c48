package io.daylily.ec.app;

import java.util.Arrays;

/**
 * Process entry. Sets up logging from the arguments before anything logs, runs {@link Cli}, exits
 * with its code. {@code -Ddaylily.prog=daylily-create-ephemeral-cluster} (the preserved launcher)
 * makes the arguments those of {@code create}; with no arguments at all it prints usage and exits 0.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String[] effective = args;
        if ("daylily-create-ephemeral-cluster".equals(System.getProperty("daylily.prog"))) {
            if (args.length == 0) {
                effective = new String[] {"help", "create"}; // usage on stdout, exit 0
            } else {
                effective = new String[args.length + 1];
                effective[0] = "create";
                System.arraycopy(args, 0, effective, 1, args.length);
            }
        }
        if (Arrays.asList(effective).contains("--debug")) {
            java.nio.file.Path dir = ConfigDir.resolve(System.getenv());
            try {
                // 0700, before the debug log's appender creates it with the umask's mode (the command probes it)
                ConfigDir.createPrivate(dir);
            } catch (io.daylily.ec.api.DaylilyException unusable) {
                // the command that needs the directory says why, in one line
            }
            System.setProperty("daylily.logFile", dir.resolve("daylily-ec-debug.log").toString());
            System.setProperty("log4j2.configurationFile", "log4j2-debug.properties");
        }
        // UTF-8 whatever the locale (cron, containers and CI often have none): ✓ ⚠ ✗ and names must survive.
        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8);
        java.io.PrintStream err = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        // SIGINT → 130, SIGTERM → 143, recorded by a run in progress with the code the process ends with
        io.daylily.ec.app.runtime.Signals.install();
        System.exit(Cli.system().run(effective, out, err));
    }
}
