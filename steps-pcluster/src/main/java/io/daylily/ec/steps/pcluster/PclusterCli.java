package io.daylily.ec.steps.pcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.ProcessResult;
import io.daylily.ec.api.ProcessRunner;
import io.daylily.ec.api.ProcessSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only code that knows {@code pcluster} flags (REFERENCE §1). Runs through {@link ProcessRunner};
 * profile and region go in the child environment; stdout is parsed as JSON whatever the exit code
 * (a successful dry run exits 1), unknown fields ignored. The binary is {@code DAYLILY_PCLUSTER} or
 * {@code pcluster} on PATH.
 */
public final class PclusterCli {
    public static final String DRY_RUN_OK = "Request would have succeeded, but DryRun flag is set.";

    /** One call's result: exit code, parsed stdout (MissingNode when not JSON), raw streams. */
    public record Result(int exitCode, JsonNode json, String stdout, String stderr, boolean timedOut) {
        public String message() {
            return json.path("message").asText("");
        }
    }

    private final ProcessRunner runner;
    private final String binary;
    private final Map<String, String> env;
    private Duration timeoutOverride;

    /** Caps every call's timeout (DAYLILY_PCLUSTER_TIMEOUT_SECONDS): a hanging pcluster is stopped. */
    public PclusterCli withTimeout(Duration t) {
        this.timeoutOverride = t;
        return this;
    }

    public PclusterCli(ProcessRunner runner, String binary, String profile, String region) {
        this.runner = runner;
        this.binary = binary;
        Map<String, String> e = new LinkedHashMap<>();
        if (profile != null && !profile.isEmpty()) {
            e.put("AWS_PROFILE", profile);
        }
        e.put("AWS_REGION", region);
        e.put("AWS_DEFAULT_REGION", region);
        this.env = e;
    }

    public static List<String> createArgs(String name, String config, String region, boolean dryRun) {
        List<String> a = new ArrayList<>(List.of("create-cluster", "-n", name, "-c", config));
        if (dryRun) {
            a.addAll(List.of("--dryrun", "true"));
        }
        a.addAll(List.of("--region", region));
        return a;
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

    public Result delete(String name, String region) {
        return run(List.of("delete-cluster", "-n", name, "--region", region), Duration.ofMinutes(5));
    }

    /** The command line a user would type (for messages). */
    public String commandLine(List<String> args) {
        return binary + " " + String.join(" ", args);
    }

    Result run(List<String> args, Duration timeout) {
        List<String> argv = new ArrayList<>();
        argv.add(binary);
        argv.addAll(args);
        ProcessResult r = runner.run(new ProcessSpec(argv, env, null, timeoutOverride == null ? timeout : timeoutOverride, null));
        return new Result(r.exitCode(), parse(r.stdout()), r.stdout(), r.stderr(), r.timedOut());
    }

    static JsonNode parse(String stdout) {
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
