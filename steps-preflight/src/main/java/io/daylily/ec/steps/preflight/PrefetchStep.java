package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code preflight.prefetch} (issue #10): right after the toolchain gate, starts together the
 * read-only lookups that depend only on the flags and the config — the IAM policy list, the six
 * quotas, the bucket listing and its region lookups, the key pairs, the subnets, the instance type
 * offerings — so they overlap the identity call, each other, and the verifier. Each gate still
 * takes its result at its own place and reports it there, so the report's order and contents do
 * not change; a gate that fails still stops the run, and the lookups of the gates after it are
 * dropped unreported (they are reads; the runtime lets them land before it closes the clients).
 * Publishes nothing. {@code DAYLILY_SEQUENTIAL=1} turns it off: each gate then looks up its own
 * when it runs, and nothing is sent for a gate the run does not reach. It never fails a run: a lookup
 * it cannot start is left to its gate.
 */
public final class PrefetchStep implements Step {
    @Override
    public String id() {
        return "preflight.prefetch";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 5;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "start the later gates' read-only lookups together (each gate reports its own, in order)";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        if (!s.lookups().background()) {
            return ctx;
        }
        List<BiConsumer<RunContext, StepServices>> all = List.of(IamStep::prefetch, QuotaStep::prefetch,
                S3SelectStep::prefetch, S3VerifyStep::prefetch, KeyPairStep::prefetch, NetworkStep::prefetch, InstanceTypesStep::prefetch,
                PrefetchStep::existence);
        for (BiConsumer<RunContext, StepServices> prefetch : all) {
            try {
                prefetch.accept(ctx, s);
            } catch (RuntimeException e) {
                // Only a head start: whatever stops it here, the gate meets again in its place and reports.
            }
        }
        return ctx;
    }

    /**
     * A create's existence check ({@code pcluster describe-cluster}, which {@code pcluster.dry_run} makes
     * first): started now, so pcluster's start-up overlaps the gates instead of following them. Nothing
     * the run does before that step creates the cluster; a plan ({@code pcluster.plan}) asks the same; a
     * preflight, which never asks, starts nothing.
     */
    static void existence(RunContext ctx, StepServices s) {
        String pipeline = ctx.get(ContextKeys.PIPELINE).orElse("");
        if (!(Pipelines.CREATE.equals(pipeline) || Pipelines.PLAN.equals(pipeline)) || ctx.get(ContextKeys.CLUSTER_NAME).isEmpty()) {
            return;
        }
        String name = ctx.require(ContextKeys.CLUSTER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        PclusterClient cli = PclusterClient.of(ctx, s);
        s.lookups().start(cli.describeKey(name, region), () -> cli.describe(name, region));
    }
}
