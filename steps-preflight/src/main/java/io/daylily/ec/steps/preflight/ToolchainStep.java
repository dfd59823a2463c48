package io.daylily.ec.steps.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.ToolchainException;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code preflight.toolchain}: the programs a create needs (DECISIONS, last paragraph) — {@code pcluster}
 * (version expected 3.13.2, a mismatch is a WARN), {@code node}, {@code git}, {@code ssh}, and the
 * reference verifier. Anything missing ends the run with exit 4 before any AWS call; the message
 * says how to install it.
 */
public final class ToolchainStep implements Step {
    static final Map<String, String> INSTALL = Map.of(
            "pcluster", "pip install aws-parallelcluster==3.13.2 (or set DAYLILY_PCLUSTER to its path)",
            "node", "install Node.js 18+ (pcluster needs it), e.g. from your package manager",
            "git", "install git from your package manager",
            "ssh", "install an OpenSSH client from your package manager",
            "reference_verifier", "install the daylily-omics-references CLI so that " + Tools.VERIFIER
                    + " is on PATH (or set DAYLILY_REFERENCE_VERIFIER to its path)");

    @Override
    public String id() {
        return "preflight.toolchain";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "pcluster (and its version), node, git, ssh, reference verifier";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        Map<String, String> env = s.env();
        Map<String, String> programs = new LinkedHashMap<>();
        programs.put("pcluster", Tools.pcluster(env));
        programs.put("node", "node");
        programs.put("git", "git");
        programs.put("ssh", "ssh");
        programs.put("reference_verifier", Tools.verifier(env));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> p : programs.entrySet()) {
            Optional<Path> found = Tools.find(p.getValue(), env);
            String id = "toolchain." + p.getKey();
            if (found.isPresent()) {
                s.events().check(CheckResult.pass(id, Map.of("path", found.get().toString())));
            } else {
                missing.add(p.getKey());
                s.events().check(CheckResult.fail(id, Map.of("program", p.getValue()),
                        "'" + p.getValue() + "' not found on PATH; " + INSTALL.get(p.getKey())));
            }
        }
        if (!missing.contains("pcluster") && !missing.contains("node")) {
            checkVersion(programs.get("pcluster"), s, missing);
        }
        if (!missing.isEmpty()) {
            throw new ToolchainException("missing or unusable: " + String.join(", ", missing)
                    + " — install them and run again (details above)");
        }
        return ctx;
    }

    private void checkVersion(String pcluster, StepServices s, List<String> missing) {
        String expected = s.env().getOrDefault(Tools.EXPECTED_VERSION_ENV, Tools.EXPECTED_PCLUSTER_VERSION);
        PclusterClient.Result r;
        try {
            r = PclusterClient.of(s, null, null).version();
        } catch (ToolchainException e) {
            missing.add("pcluster");
            s.events().check(CheckResult.fail("toolchain.pcluster_version", Map.of(), e.getMessage()));
            return;
        }
        String version = parseVersion(r.stdout());
        if (r.exitCode() != 0 || r.timedOut() || version == null) {
            missing.add("pcluster");
            String why = r.timedOut() ? "timed out" : firstLine(r.stdout() + r.stderr());
            s.events().check(CheckResult.fail("toolchain.pcluster_version", Map.of("exit_code", r.exitCode()),
                    "'" + pcluster + " version' failed (" + why + "); check that pcluster and node work"));
            return;
        }
        Map<String, Object> d = Map.of("version", version, "expected", expected);
        if (version.equals(expected)) {
            s.events().check(CheckResult.pass("toolchain.pcluster_version", d));
        } else {
            s.events().check(CheckResult.warn("toolchain.pcluster_version", d, "Expected pcluster version "
                    + expected + ", but found version " + version + "; pip install aws-parallelcluster==" + expected));
        }
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
