package io.daylily.ec.steps.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.ToolchainException;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code preflight.pcluster_version} (the toolchain gate's last check, {@code toolchain.pcluster_version}):
 * {@code pcluster version} must answer, and 3.13.2 is expected ({@code DAYLILY_PCLUSTER_VERSION}); another
 * version is a WARN, no answer is exit 4. {@link ToolchainStep} starts the call in the background once
 * pcluster and node are on PATH, and the runtime starts the steps' AWS reads beside it, so the report keeps its
 * order while pcluster's start-up overlaps the first AWS round trips. With {@code DAYLILY_SEQUENTIAL=1} the
 * call is made here, before any AWS request.
 */
public final class PclusterVersionStep implements Step {
    @Override
    public String id() {
        return "preflight.pcluster_version";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 7;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "pcluster version (started by the toolchain gate, beside the AWS lookups)";
    }

    /** The lookup of one binary's {@code pcluster version}: an external program, stopped when the run ends. */
    static Lookups.Key<PclusterClient.Result> key(String binary) {
        return new Lookups.Key<>(Lookups.PROCESS + "pcluster version:" + binary);
    }

    private static Supplier<PclusterClient.Result> call(StepServices s) {
        PclusterClient cli = PclusterClient.of(s, null, null);
        return cli::version;
    }

    /** Starts {@code pcluster version} in the background (when the run's lookups may). */
    static void start(StepServices s) {
        s.lookups().start(key(Tools.pcluster(s.env())), call(s));
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String pcluster = Tools.pcluster(s.env());
        String expected = s.env().getOrDefault(Tools.EXPECTED_VERSION_ENV, Tools.EXPECTED_PCLUSTER_VERSION);
        PclusterClient.Result r;
        try {
            r = s.lookups().get(key(pcluster), call(s));
        } catch (ToolchainException e) {
            s.events().check(CheckResult.fail("toolchain.pcluster_version", Map.of(), e.getMessage()));
            throw ToolchainStep.unusable(List.of("pcluster"));
        }
        String version = parseVersion(r.stdout());
        if (r.exitCode() != 0 || r.timedOut() || version == null) {
            String why = r.timedOut() ? "timed out" : firstLine(r.stdout() + r.stderr());
            s.events().check(CheckResult.fail("toolchain.pcluster_version", Map.of("exit_code", r.exitCode()),
                    "'" + pcluster + " version' failed (" + why + "); check that pcluster and node work"));
            throw ToolchainStep.unusable(List.of("pcluster"));
        }
        Map<String, Object> d = Map.of("version", version, "expected", expected);
        if (version.equals(expected)) {
            s.events().check(CheckResult.pass("toolchain.pcluster_version", d));
        } else {
            s.events().check(CheckResult.warn("toolchain.pcluster_version", d, "Expected pcluster version "
                    + expected + ", but found version " + version + "; pip install aws-parallelcluster==" + expected));
        }
        return ctx;
    }

    /** {@code {"version": "3.13.2"}} → {@code 3.13.2}; null when the output is not that. */
    static String parseVersion(String stdout) {
        try {
            JsonNode n = Json.mapper().readTree(stdout);
            return n != null && n.path("version").isTextual() ? n.get("version").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? "no output" : (nl < 0 ? t : t.substring(0, nl));
    }
}
