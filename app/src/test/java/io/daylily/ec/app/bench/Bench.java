package io.daylily.ec.app.bench;

import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark behind {@code bench/run}: the launcher ({@code bin/daylily-ec}, with its start-up archive)
 * started as a user starts it, against the simulated AWS at 0 and 100 ms per request, with the fake
 * {@code pcluster} sleeping a real one's Python start-up (0.7 s per call) and a reference-verifier stand-in
 * that makes 10 sequential S3 reads. Each row is one way of starting a run:
 * <ul>
 *   <li>this build on the JDK that runs the benchmark (17 here) and on a JDK 25 when one is found
 *       ({@code BENCH_JDK25}, else {@code /usr/lib/jvm/*25*}), where the launcher uses the AOT cache;</li>
 *   <li>this build with {@code DAYLILY_SEQUENTIAL=1 DAYLILY_EC_WARMUP=0} (one thing at a time, as the Bash
 *       script ran it);</li>
 *   <li>an earlier build ({@code BENCH_BASELINE=<dir>} holding {@code daylily-ec.jar} and {@code bin/}), to
 *       measure a change against the build before it.</li>
 * </ul>
 * The variants of a row are interleaved run by run (A B C A B C …), so the machine's noise falls on all of
 * them alike. Prints Markdown: median, min and max seconds, median CPU seconds (user+sys, the process
 * tree), peak RSS, AWS requests sent by daylily-ec (the verifier's own reads aside) and {@code pcluster}
 * processes per run.
 */
public final class Bench {
    private static final Pattern RSS = Pattern.compile("BENCH_RSS_KB=(\\d+) BENCH_CPU=([0-9.]+) ([0-9.]+)");
    private static final String BUCKET = "lab-omics-analysis-us-west-2";

    private Bench() {
    }

    record Stats(double median, double min, double max, double cpu, long rssKb, int requests, int pclusters) {
    }

    /** One way of starting daylily-ec: a label, the launcher, the environment it adds. */
    record Variant(String label, Path launcher, Path jar, Map<String, String> env) {
    }

    /** One measured run's numbers. */
    record Sample(double secs, double cpu, long rssKb, int requests, int pclusters) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int preflightRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path jar = Path.of("app/target/daylily-ec.jar").toAbsolutePath();
        Path launcher = Path.of("bin/daylily-ec").toAbsolutePath();
        String jdk17 = System.getProperty("java.home");
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("this build, JDK " + Runtime.version().feature(), launcher, jar, Map.of("JAVA_HOME", jdk17)));
        jdk25().ifPresent(j -> variants.add(new Variant("this build, JDK 25 (AOT cache)", launcher, jar, Map.of("JAVA_HOME", j))));
        variants.add(new Variant("this build, JDK " + Runtime.version().feature() + ", DAYLILY_SEQUENTIAL=1", launcher, jar,
                Map.of("JAVA_HOME", jdk17, "DAYLILY_SEQUENTIAL", "1", "DAYLILY_EC_WARMUP", "0")));
        String baseline = System.getenv("BENCH_BASELINE");
        if (baseline != null && !baseline.isBlank()) {
            Path b = Path.of(baseline).toAbsolutePath();
            variants.add(new Variant("baseline build (" + b.getFileName() + "), JDK " + Runtime.version().feature(),
                    b.resolve("bin/daylily-ec"), b.resolve("daylily-ec.jar"), Map.of("JAVA_HOME", jdk17)));
        }
        String only = System.getenv().getOrDefault("BENCH_ONLY", "");
        Path root = Files.createTempDirectory("daylily-bench");
        List<String> time = Files.isExecutable(Path.of("/usr/bin/time"))
                ? List.of("/usr/bin/time", "-f", "BENCH_RSS_KB=%M BENCH_CPU=%U %S") : List.of();

        System.out.println("| what | started as | runs | median s | min s | max s | CPU s | peak RSS MB | AWS requests | pcluster processes |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        try (SimulatedAws idle = new SimulatedAws(0)) {
            Workspace ws = workspace(root, idle);
            for (Variant v : variants) {
                // writes each launcher's start-up archive (a training run) before anything is measured
                Workspace.Result r = ws.runCommand(List.of(), List.of(v.launcher().toString()), env(ws, idle, v), "version");
                if (r.exitCode() != 0) {
                    throw new IllegalStateException(v.label() + ": " + r.stderr());
                }
            }
            if (only.isEmpty() || "--help".matches(only)) {
                table("`--help` (cold start)", variants, runs, idle, v -> ws.runCommand(time, List.of(v.launcher().toString()),
                        env(ws, idle, v), "--help"), ws);
            }
        }
        for (int latency : new int[] {0, 100}) {
            try (SimulatedAws aws = new SimulatedAws(latency)) {
                aws.referenceBundle(BUCKET);
                Workspace ws = workspace(root, aws);
                String what = "`preflight --non-interactive`, " + latency + " ms/request";
                if (only.isEmpty() || what.matches(only)) {
                    table(what, variants, preflightRuns, aws, v -> ws.runCommand(time, List.of(v.launcher().toString()),
                            env(ws, aws, v), "preflight", "--region-az", "us-west-2b", "--non-interactive", "--config",
                            ws.config.toString()), ws);
                }
                what = "`spot-market --region us-west-2` (the shipped prod_cluster.yaml: 5 spot queues, 14 types), " + latency
                        + " ms/request";
                if (only.isEmpty() || what.matches(only)) {
                    Path market = ws.root.resolve("market-config.yaml");
                    Files.writeString(market, "ephemeral_cluster:\n  config:\n    cluster_template_yaml: [USESETVALUE, \"\", \""
                            + Path.of("config/day_cluster/prod_cluster.yaml").toAbsolutePath() + "\"]\n");
                    // an earlier build has no spot-market: this build's variants only
                    table(what, variants.stream().filter(v -> !v.label().startsWith("baseline")).toList(), preflightRuns, aws,
                            v -> ws.runCommand(time, List.of(v.launcher().toString()), env(ws, aws, v), "spot-market", "--region",
                                    "us-west-2", "--config", market.toString()), ws);
                }
                what = "`create --non-interactive` up to the dry run (`DAY_BREAK=1`), " + latency + " ms/request";
                if (only.isEmpty() || what.matches(only)) {
                    create(what, variants, preflightRuns, aws, root, time, Map.of("DAY_BREAK", "1"));
                }
            }
        }
        try (SimulatedAws aws = new SimulatedAws(100)) {
            aws.referenceBundle(BUCKET);
            String what = "`create --non-interactive`, whole (monitor polls at once), 100 ms/request";
            if (only.isEmpty() || what.matches(only)) {
                create(what, variants, preflightRuns, aws, root, time, Map.of());
            }
        }
        System.out.println();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** A JDK 25+ to compare with: {@code BENCH_JDK25}, else the first {@code /usr/lib/jvm/*25*} with a java. */
    public static java.util.Optional<String> jdk25() throws IOException {
        String set = System.getenv("BENCH_JDK25");
        if (set != null) {
            return set.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(set);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(p -> p.getFileName().toString().contains("-25") && Files.isExecutable(p.resolve("bin/java")))
                    .map(Path::toString).sorted().findFirst();
        }
    }

    private static Workspace workspace(Path root, SimulatedAws aws) throws IOException {
        Workspace ws = new Workspace(Files.createTempDirectory(root, "ws"));
        ws.verifierReadingS3(10);
        return ws;
    }

    private static Map<String, String> env(Workspace ws, SimulatedAws aws, Variant v) {
        Map<String, String> env = new HashMap<>(ws.env(aws.endpoint()));
        env.put("DAYLILY_EC_JAR", v.jar().toString());
        env.putAll(v.env());
        String opts = System.getenv("JAVA_OPTS");
        if (opts != null) {
            env.put("JAVA_OPTS", opts); // the launcher adds them; lets flags be compared with the same harness
        }
        return env;
    }

    /** One measured run of a variant. */
    @FunctionalInterface
    interface Run {
        Workspace.Result once(Variant v) throws Exception;
    }

    private static void create(String what, List<Variant> variants, int runs, SimulatedAws aws, Path root, List<String> time,
                               Map<String, String> extra) throws Exception {
        // a fresh workspace each time: a second create of the same cluster would find it and stop early
        Map<Variant, Workspace> current = new HashMap<>();
        table(what, variants, runs, aws, v -> {
            Workspace fresh = workspace(root, aws);
            current.put(v, fresh);
            Map<String, String> env = env(fresh, aws, v);
            env.putAll(extra);
            return fresh.runCommand(time, List.of(v.launcher().toString()), env, "create", "--region-az", "us-west-2b",
                    "--non-interactive", "--config", fresh.config.toString());
        }, v -> current.get(v));
    }

    private static void table(String what, List<Variant> variants, int runs, SimulatedAws aws, Run run, Workspace ws) throws Exception {
        table(what, variants, runs, aws, run, v -> ws);
    }

    private static void table(String what, List<Variant> variants, int runs, SimulatedAws aws, Run run,
                              java.util.function.Function<Variant, Workspace> wsOf) throws Exception {
        Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
        variants.forEach(v -> samples.put(v, new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            for (Variant v : variants) { // interleaved: A B C, A B C, …
                aws.server().resetRequests();
                Workspace before = wsOf.apply(v);
                if (before != null) {
                    Files.deleteIfExists(before.root.resolve("pcluster-calls.log"));
                }
                Workspace.Result r = run.once(v);
                if (r.exitCode() != 0) {
                    throw new IllegalStateException(what + ", " + v.label() + ": exit " + r.exitCode() + ": " + r.stderr());
                }
                Path calls = wsOf.apply(v).root.resolve("pcluster-calls.log");
                int pclusters = Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
                Matcher m = RSS.matcher(r.stderr());
                long rss = 0;
                double cpu = Double.NaN;
                while (m.find()) {
                    rss = Math.max(rss, Long.parseLong(m.group(1)));
                    cpu = Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3));
                }
                samples.get(v).add(new Sample(r.elapsed().toNanos() / 1e9, cpu, rss, aws.requestCount() - aws.curlRequestCount(),
                        pclusters));
            }
        }
        for (Map.Entry<Variant, List<Sample>> e : samples.entrySet()) {
            row(what, e.getKey().label(), runs, stats(e.getValue()));
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static Stats stats(List<Sample> samples) {
        List<Double> secs = samples.stream().map(Sample::secs).sorted().toList();
        return new Stats(median(secs), secs.get(0), secs.get(secs.size() - 1), median(samples.stream().map(Sample::cpu).toList()),
                samples.stream().mapToLong(Sample::rssKb).max().orElse(0), samples.get(samples.size() - 1).requests(),
                samples.get(samples.size() - 1).pclusters());
    }

    private static void row(String what, String how, int runs, Stats s) {
        System.out.printf("| %s | %s | %d | %.3f | %.3f | %.3f | %s | %s | %s | %s |%n", what, how, runs, s.median(), s.min(), s.max(),
                Double.isNaN(s.cpu()) ? "n/a" : String.format("%.2f", s.cpu()),
                s.rssKb() > 0 ? String.format("%.0f", s.rssKb() / 1024.0) : "n/a", s.requests() <= 0 ? "-" : s.requests(),
                s.pclusters());
    }
}
