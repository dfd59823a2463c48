package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.ToolchainException;
import io.daylily.ec.api.event.CheckResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code preflight.toolchain}: the programs a create needs (DECISIONS, last paragraph) — {@code pcluster},
 * {@code node}, {@code git}, {@code ssh}, and the reference verifier — found on PATH (no process is
 * started for that). Anything missing ends the run with exit 4 before any AWS call; the message says
 * how to install it. When all are there it starts {@code pcluster version} in the background, which
 * {@link PclusterVersionStep} reports (issue #19: the version probe no longer holds up the AWS lookups).
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
        if (!missing.isEmpty()) {
            throw unusable(missing);
        }
        // pcluster's start-up (a Python program: ~0.7 s) overlaps the AWS reads the runtime starts next (Step.startReads);
        // preflight.pcluster_version reports it in its place.
        PclusterVersionStep.start(s);
        return ctx;
    }

    /** The run's end when programs are missing or do not work; each has its own check above with the fix. */
    static ToolchainException unusable(List<String> programs) {
        return new ToolchainException("missing or unusable: " + String.join(", ", programs)
                + " — install them and run again (details above)");
    }
}
