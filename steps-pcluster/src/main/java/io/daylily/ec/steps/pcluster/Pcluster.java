package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;

/** Builds the {@link PclusterCli} of a run. */
final class Pcluster {
    static final String BINARY_ENV = "DAYLILY_PCLUSTER";

    private Pcluster() {
    }

    static PclusterCli cli(RunContext ctx, StepServices s) {
        PclusterCli cli = new PclusterCli(s.processes(), s.env().getOrDefault(BINARY_ENV, "pcluster"),
                ctx.get(ContextKeys.AWS_PROFILE).orElse(null), ctx.require(ContextKeys.REGION));
        String t = s.env().get("DAYLILY_PCLUSTER_TIMEOUT_SECONDS");
        return t == null || t.isBlank() ? cli : cli.withTimeout(java.time.Duration.ofSeconds(Long.parseLong(t)));
    }
}
