package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.util.Map;
import java.util.Set;

/** {@code pcluster.create} (PARITY §18): the real create-cluster; exit status 0 is success, anything else exit 2. */
public final class CreateStep implements Step {
    @Override
    public String id() {
        return "pcluster.create";
    }

    @Override
    public int order() {
        return Order.PCLUSTER + 30;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "pcluster create-cluster";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String name = ctx.require(ContextKeys.CLUSTER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        if (ctx.get(ContextKeys.CLUSTER_STATUS).isPresent()) {
            s.events().check(CheckResult.pass(id(), Map.of("cluster_status", ctx.require(ContextKeys.CLUSTER_STATUS),
                    "action", "already_exists")));
            return ctx;
        }
        PclusterClient.Result r = PclusterClient.of(ctx, s).create(name, ctx.require(ContextKeys.CLUSTER_YAML_PATH), region);
        if (r.exitCode() != 0 || r.timedOut()) {
            String why = r.timedOut() && r.message().isEmpty() ? "timed out" : r.said();
            throw new AwsOperationException("pcluster create-cluster failed (exit " + r.exitCode() + "): " + why);
        }
        String status = r.json().path("cluster").path("clusterStatus").asText("CREATE_IN_PROGRESS");
        s.prompter().say("Cluster " + name + " accepted by ParallelCluster: " + status);
        s.events().check(CheckResult.pass(id(), Map.of("cluster_status", status,
                "stack_arn", r.json().path("cluster").path("cloudformationStackArn").asText(""))));
        return ctx.with(ContextKeys.CLUSTER_STATUS, status).with(ContextKeys.CLUSTER_CREATE_ACCEPTED, true);
    }
}
