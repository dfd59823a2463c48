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
 * sequential ({@code DAYLILY_SEQUENTIAL=1}), measured side by side in one run. Prints a Markdown table.
 */
public final class Bench {
    private static final Pattern RSS = Pattern.compile("BENCH_RSS_KB=(\\d+)");

    private Bench() {
    }

    record Stats(double median, double min, double max, long rssKb, int requests) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int preflightRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path jar = Path.of(args.length > 2 ? args[2] : "app/target/daylily-ec.jar").toAbsolutePath();
        Path root = Files.createTempDirectory("daylily-bench");
        Workspace ws = new Workspace(root);
        List<String> time = Files.isExecutable(Path.of("/usr/bin/time"))
                ? List.of("/usr/bin/time", "-f", "BENCH_RSS_KB=%M") : List.of();

        System.out.println("| what | runs | median s | min s | max s | peak RSS MB | AWS requests |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (SimulatedAws idle = new SimulatedAws(0)) {
            Map<String, String> env = ws.env(idle.endpoint());
            row("`daylily-ec --help` (cold start)", runs, measure(ws, time, jar, env, runs, null, "--help"));
            row("`daylily-ec steps` (cold start)", runs, measure(ws, time, jar, env, runs, null, "steps"));
        }
        for (int latency : new int[] {0, 100}) {
            try (SimulatedAws aws = new SimulatedAws(latency)) {
                for (boolean sequential : new boolean[] {false, true}) {
                    Map<String, String> env = new java.util.HashMap<>(ws.env(aws.endpoint()));
                    if (sequential) {
                        env.put("DAYLILY_SEQUENTIAL", "1");
                    }
                    Stats s = measure(ws, time, jar, env, preflightRuns, aws, "preflight", "--region-az", "us-west-2b",
                            "--non-interactive", "--config", ws.config.toString());
                    row("`preflight --non-interactive`, " + latency + " ms/request, "
                            + (sequential ? "sequential" : "concurrent"), preflightRuns, s);
                }
            }
        }
        System.out.println();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static Stats measure(Workspace ws, List<String> time, Path jar, Map<String, String> env, int runs,
                                 SimulatedAws aws, String... args) throws Exception {
        List<Double> secs = new ArrayList<>();
        long rss = 0;
        int requests = -1;
        for (int i = 0; i < runs; i++) {
            if (aws != null) {
                aws.server().resetRequests();
            }
            Workspace.Result r = ws.runWith(time, jar, env, args);
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

    private static void row(String what, int runs, Stats s) {
        System.out.printf("| %s | %d | %.3f | %.3f | %.3f | %s | %s |%n", what, runs, s.median(), s.min(), s.max(),
                s.rssKb() > 0 ? String.format("%.0f", s.rssKb() / 1024.0) : "n/a", s.requests() < 0 ? "-" : s.requests());
    }
}
