package io.daylily.ec.app.bench;

import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark behind {@code bench/run}: cold start of the real jar, and {@code preflight
 * --non-interactive} against the simulated AWS at 0 and 100 ms per request, concurrent and
 * sequential ({@code DAYLILY_SEQUENTIAL=1}), and a whole {@code create --non-interactive} with a fake
 * {@code pcluster} (its AWS requests: issue #10 counts them without monitor polls, which go through
 * {@code pcluster} here), measured side by side in one run. Prints a Markdown table.
 */
public final class Bench {
    private static final Pattern RSS = Pattern.compile("BENCH_RSS_KB=(\\d+)");

    private Bench() {
    }

    record Stats(double median, double min, double max, long rssKb, int requests) {
    }

    /** One measured run. */
    @FunctionalInterface
    interface Run {
        Workspace.Result once() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int preflightRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path jar = Path.of(args.length > 2 ? args[2] : "app/target/daylily-ec.jar").toAbsolutePath();
        Path root = Files.createTempDirectory("daylily-bench");
        Workspace ws = new Workspace(root);
        List<String> time = Files.isExecutable(Path.of("/usr/bin/time"))
                ? List.of("/usr/bin/time", "-f", "BENCH_RSS_KB=%M") : List.of();

        Path launcher = Path.of(args.length > 3 ? args[3] : "bin/daylily-ec").toAbsolutePath();
        List<String> plain = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString());
        // The launcher adds its JVM flags and the class-data-sharing archive; it is told which jar to use
        // and which java (JAVA_HOME), and its archive is written before the first measured run.
        List<String> viaLauncher = List.of(launcher.toString());

        System.out.println("| what | started with | runs | median s | min s | max s | peak RSS MB | AWS requests |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        try (SimulatedAws idle = new SimulatedAws(0)) {
            Map<String, String> env = launcherEnv(ws.env(idle.endpoint()), jar);
            ws.runCommand(List.of(), viaLauncher, env, "version");
            for (String[] cmd : new String[][] {{"--help"}, {"steps"}}) {
                row("`daylily-ec " + cmd[0] + "` (cold start)", "java -jar", runs,
                        measure(runs, null, () -> ws.runCommand(time, plain, env, cmd)));
                row("`daylily-ec " + cmd[0] + "` (cold start)", "bin/daylily-ec", runs,
                        measure(runs, null, () -> ws.runCommand(time, viaLauncher, env, cmd)));
            }
        }
        for (int latency : new int[] {0, 100}) {
            try (SimulatedAws aws = new SimulatedAws(latency)) {
                for (boolean sequential : new boolean[] {false, true}) {
                    Map<String, String> env = launcherEnv(ws.env(aws.endpoint()), jar);
                    if (sequential) {
                        env.put("DAYLILY_SEQUENTIAL", "1");
                        env.put("DAYLILY_EC_WARMUP", "0");
                    }
                    for (List<String> how : List.of(plain, viaLauncher)) {
                        Stats s = measure(preflightRuns, aws, () -> ws.runCommand(time, how, env, "preflight", "--region-az",
                                "us-west-2b", "--non-interactive", "--config", ws.config.toString()));
                        row("`preflight --non-interactive`, " + latency + " ms/request, "
                                + (sequential ? "sequential, no warm-up" : "concurrent"),
                                how == plain ? "java -jar" : "bin/daylily-ec", preflightRuns, s);
                    }
                }
            }
        }
        for (int latency : new int[] {0, 100}) {
            try (SimulatedAws aws = new SimulatedAws(latency)) {
                for (List<String> how : List.of(plain, viaLauncher)) {
                    // A fresh workspace each time: a second create of the same cluster would find it and stop early.
                    Stats s = measure(preflightRuns, aws, () -> {
                        Workspace fresh = new Workspace(Files.createTempDirectory(root, "create"));
                        return fresh.runCommand(time, how, launcherEnv(fresh.env(aws.endpoint()), jar), "create",
                                "--region-az", "us-west-2b", "--non-interactive", "--config", fresh.config.toString());
                    });
                    row("`create --non-interactive` (fake pcluster), " + latency + " ms/request",
                            how == plain ? "java -jar" : "bin/daylily-ec", preflightRuns, s);
                }
            }
        }
        System.out.println();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static Map<String, String> launcherEnv(Map<String, String> base, Path jar) {
        Map<String, String> env = new java.util.HashMap<>(base);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DAYLILY_EC_JAR", jar.toString());
        String opts = System.getenv("JAVA_OPTS");
        if (opts != null) {
            env.put("JAVA_OPTS", opts); // the launcher adds them; lets flags be compared with the same harness
        }
        return env;
    }

    private static Stats measure(int runs, SimulatedAws aws, Run run) throws Exception {
        List<Double> secs = new ArrayList<>();
        long rss = 0;
        int requests = -1;
        for (int i = 0; i < runs; i++) {
            if (aws != null) {
                aws.server().resetRequests();
            }
            Workspace.Result r = run.once();
            if (r.exitCode() != 0) {
                throw new IllegalStateException("run failed (exit " + r.exitCode() + "): " + r.stderr());
            }
            secs.add(r.elapsed().toNanos() / 1e9);
            Matcher m = RSS.matcher(r.stderr());
            while (m.find()) {
                rss = Math.max(rss, Long.parseLong(m.group(1)));
            }
            if (aws != null) {
                requests = aws.requestCount();
            }
        }
        Collections.sort(secs);
        double median = secs.size() % 2 == 1 ? secs.get(secs.size() / 2)
                : (secs.get(secs.size() / 2 - 1) + secs.get(secs.size() / 2)) / 2;
        return new Stats(median, secs.get(0), secs.get(secs.size() - 1), rss, requests);
    }

    private static void row(String what, String how, int runs, Stats s) {
        System.out.printf("| %s | %s | %d | %.3f | %.3f | %.3f | %s | %s |%n", what, how, runs, s.median(), s.min(), s.max(),
                s.rssKb() > 0 ? String.format("%.0f", s.rssKb() / 1024.0) : "n/a", s.requests() < 0 ? "-" : s.requests());
    }
}
