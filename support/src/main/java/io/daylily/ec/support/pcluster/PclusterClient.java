package io.daylily.ec.support.pcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.support.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one client of {@code pcluster} (REFERENCE §1): the only code that knows its flags, starts it
 * (through the run's {@link ProcessRunner}, as an argv list), reads its JSON and classifies its
 * answers. Profile and region go in the child environment; stdout is parsed as JSON whatever the
 * exit code (a successful dry run exits 1), unknown fields ignored. The binary is
 * {@value #BINARY_ENV} or {@code pcluster} on PATH; {@code DAYLILY_PCLUSTER_TIMEOUT_SECONDS} caps every call.
 */
public final class PclusterClient {
    /** Names the {@code pcluster} binary to run instead of the one on PATH. */
    public static final String BINARY_ENV = "DAYLILY_PCLUSTER";
    /** Caps every call's timeout, in seconds: a hanging {@code pcluster} is stopped. */
    public static final String TIMEOUT_ENV = Settings.PCLUSTER_TIMEOUT_SECONDS.name();
    /** The message of a dry run that would have succeeded. */
    public static final String DRY_RUN_OK = "Request would have succeeded, but DryRun flag is set.";

    /** One call's result: exit code, parsed stdout (MissingNode when not JSON), the raw streams. */
    public record Result(int exitCode, JsonNode json, String stdout, String stderr, boolean timedOut) {
        /** pcluster's {@code message} field, or {@code ""}. */
        public String message() {
            return json.path("message").asText("");
        }

        /** True only when pcluster answered that the named cluster or image does not exist. */
        public boolean saysDoesNotExist() {
            return !timedOut && exitCode != 0 && message().contains("does not exist");
        }

        /** pcluster's own words: its {@code message}, else stderr, else stdout (stripped); {@code ""} when silent. */
        public String said() {
            String m = message();
            return m.isEmpty() ? (stderr.isBlank() ? stdout : stderr).strip() : m;
        }

        /** What went wrong, for a message: the timeout, or the exit code and pcluster's own words. */
        public String problem() {
            if (timedOut) {
                return "timed out";
            }
            String said = said();
            return "exit " + exitCode + ": " + (said.isEmpty() ? "no output" : said);
        }
    }

    /**
     * One {@code describe-cluster}, classified: the status; or gone, only when pcluster said the
     * cluster does not exist; or neither (the call failed: credentials, throttling, a network error,
     * a timeout), with what went wrong. A failed call is never taken for a missing cluster.
     */
    public record Described(String status, boolean gone, String problem) {
        public boolean readable() {
            return status != null;
        }
    }

    private final ProcessRunner runner;
    private final String binary;
    private final Map<String, String> env;
    private final Duration cap;

    /**
     * @param profile the AWS profile, or null/empty for the default chain
     * @param region  the region, or null for a call that needs none ({@code version})
     * @param cap     caps every call's timeout, or null
     */
    public PclusterClient(ProcessRunner runner, String binary, String profile, String region, Duration cap) {
        this.runner = runner;
        this.binary = binary;
        Map<String, String> e = new LinkedHashMap<>();
        if (profile != null && !profile.isEmpty()) {
            e.put("AWS_PROFILE", profile);
        }
        if (region != null) {
            e.put("AWS_REGION", region);
            e.put("AWS_DEFAULT_REGION", region);
        }
        this.env = Map.copyOf(e);
        this.cap = cap;
    }

    /** The client of a run: its profile and region, the binary and cap from the run's environment. */
    public static PclusterClient of(RunContext ctx, StepServices s) {
        return of(s, ctx.get(ContextKeys.AWS_PROFILE).orElse(null), ctx.require(ContextKeys.REGION));
    }

    /** The client for a profile and region, the binary and cap from the run's environment. */
    public static PclusterClient of(StepServices s, String profile, String region) {
        return new PclusterClient(s.processes(), binary(s.env()), profile, region, cap(s.env()));
    }

    /** {@value #BINARY_ENV}, else {@code pcluster}. */
    public static String binary(Map<String, String> env) {
        String b = env.get(BINARY_ENV);
        return b == null || b.isBlank() ? "pcluster" : b;
    }

    /** {@code DAYLILY_PCLUSTER_TIMEOUT_SECONDS} as a duration, or null when unset or blank (no cap); support's {@link Settings} rule. */
    public static Duration cap(Map<String, String> env) {
        String t = env.get(TIMEOUT_ENV);
        return t == null || t.isBlank() ? null : Settings.PCLUSTER_TIMEOUT_SECONDS.duration(env);
    }

    public String binary() {
        return binary;
    }

    /** The child environment every call gets (profile and region only). */
    public Map<String, String> environment() {
        return env;
    }

    public static List<String> createArgs(String name, String config, String region, boolean dryRun) {
        List<String> a = new ArrayList<>(List.of("create-cluster", "-n", name, "-c", config));
        if (dryRun) {
            a.addAll(List.of("--dryrun", "true"));
        }
        a.addAll(List.of("--region", region));
        return a;
    }

    /** The subcommands that change AWS resources (a create-cluster with {@code --dryrun true} changes nothing). */
    static final java.util.Set<String> WRITES = java.util.Set.of("create-cluster", "delete-cluster", "update-cluster",
            "update-compute-fleet", "build-image", "delete-image");

    /** Whether {@code args} (a subcommand and its options) change AWS: the runtime refuses them outside an apply. */
    public static boolean changesAws(List<String> args) {
        if (args.isEmpty() || !WRITES.contains(args.get(0))) {
            return false;
        }
        int dry = args.indexOf("--dryrun");
        return dry < 0 || dry + 1 >= args.size() || !"true".equalsIgnoreCase(args.get(dry + 1));
    }

    public Result version() {
        return run(List.of("version"), Duration.ofSeconds(60));
    }

    public Result dryRun(String name, String config, String region) {
        return run(createArgs(name, config, region, true), Duration.ofMinutes(10));
    }

    public Result create(String name, String config, String region) {
        return run(createArgs(name, config, region, false), Duration.ofMinutes(10));
    }

    public Result describe(String name, String region) {
        return run(List.of("describe-cluster", "-n", name, "--region", region), Duration.ofMinutes(2));
    }

    /**
     * The shared lookup of this client's {@code describe-cluster} of {@code name}: the create's existence
     * check, which the preflight starts ahead (issue #19) so pcluster's start-up overlaps the gates.
     */
    public Lookups.Key<Result> describeKey(String name, String region) {
        return new Lookups.Key<>(Lookups.PROCESS + "pcluster describe-cluster:" + binary + ":" + env + ":" + name + ":" + region);
    }

    public Result delete(String name, String region) {
        return run(List.of("delete-cluster", "-n", name, "--region", region), Duration.ofMinutes(5));
    }

    public Result buildImage(String imageId, String config, String region) {
        return run(List.of("build-image", "-i", imageId, "-c", config, "-r", region), Duration.ofMinutes(5));
    }

    public Result describeImage(String imageId, String region) {
        return run(List.of("describe-image", "-i", imageId, "-r", region), Duration.ofMinutes(5));
    }

    /** {@link #describe} classified (see {@link Described}). */
    public Described describeCluster(String name, String region) {
        Result r = describe(name, region);
        String status = status(r);
        if (status != null) {
            return new Described(status, false, "");
        }
        if (r.saysDoesNotExist()) {
            return new Described(null, true, "");
        }
        return new Described(null, false, "describe-cluster " + r.problem());
    }

    /** The command line a user would type (for messages). */
    public String commandLine(List<String> args) {
        return binary + " " + String.join(" ", args);
    }

    Result run(List<String> args, Duration timeout) {
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        argv.addAll(args);
        ProcessSpec spec = new ProcessSpec(argv, env, null, cap == null ? timeout : cap, null);
        ProcessResult r = runner.run(changesAws(args) ? spec.changingAws() : spec);
        return new Result(r.exitCode(), parse(r.stdout()), r.stdout(), r.stderr(), r.timedOut());
    }

    /** pcluster's stdout as JSON; MissingNode when it is not JSON. */
    public static JsonNode parse(String stdout) {
        try {
            JsonNode n = Json.mapper().readTree(stdout);
            return n == null ? MissingNode.getInstance() : n;
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    /** {@code clusterStatus} of a describe result: from JSON, or the plain text when stdout is not JSON; null when unreadable. */
    public static String status(Result r) {
        if (r.exitCode() != 0 || r.timedOut()) {
            return null;
        }
        if (r.json().isObject()) {
            String s = r.json().path("clusterStatus").asText("");
            return s.isEmpty() ? null : s;
        }
        if (r.json().isTextual()) {
            return r.json().asText();
        }
        String t = r.stdout().strip();
        return t.isEmpty() ? null : t;
    }
}
