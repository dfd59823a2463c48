package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pcluster.create} (PARITY §18): the real create-cluster; exit status 0 is success, anything else exit 2.
 * Its inspect is the existence check ({@code pcluster describe-cluster}, the one the dry run and the preflight's
 * lookups share): a cluster of the run's name that a create reuses is not created again, one it cannot use
 * stops the run. Its plan names the cluster with its queues (types, max count, price) and FSx size.
 */
public final class CreateStep implements ResourceStep<CreateStep.Decision> {
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

    /**
     * The cluster as found ({@code existing}: its status, or null when it does not exist) and what the create
     * makes of it: its head node, FSx size, queues and the YAML it is created from.
     */
    record Decision(String cluster, String existing, String headNodeType, String fsxSizeGb, List<QueueCost> queues, String yaml) {
        boolean exists() {
            return existing != null;
        }
    }

    /** A plan's existence check, started ahead (the dry run, which a plan does not run, starts it in a create). */
    @Override
    public void startReads(RunContext ctx, StepServices s) {
        if (Pipelines.PLAN.equals(ctx.get(ContextKeys.PIPELINE).orElse(""))) {
            DryRunStep.startExistenceCheck(ctx, s);
        }
    }

    @Override
    public Decision inspect(RunContext ctx, StepServices s) {
        String name = ctx.require(ContextKeys.CLUSTER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        ConfigValues v = ctx.get(ContextKeys.VALUES).orElse(ConfigValues.empty());
        List<QueueCost> queues = ctx.get(SpotPriceStep.QUEUES).map(SpotPriceStep.QueueCosts::queues).orElse(List.of());
        String yaml = ctx.get(ContextKeys.CLUSTER_YAML_PATH).orElse("");
        // the dry run found it and checked that its settings are this run's
        String existing = ctx.get(ContextKeys.CLUSTER_STATUS).orElse(null);
        if (existing == null && !ctx.getOrDefault(DryRunStep.ABSENT, false)) {
            // a plan (no dry run before it): the existence check the preflight's lookups started
            PclusterClient cli = PclusterClient.of(ctx, s);
            PclusterClient.Result described = s.lookups().get(cli.describeKey(name, region), () -> cli.describe(name, region));
            existing = PclusterClient.status(described);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("cluster_yaml_path", yaml);
            if (existing != null && !DryRunStep.REUSABLE.contains(existing)) {
                d.put("existing_cluster_status", existing);
                s.events().check(CheckResult.fail(id(), d, "cluster " + name + " already exists in " + region + " as " + existing
                        + "; a create would stop there. Delete it first (daylily-ec delete --cluster-name " + name
                        + " --region " + region + ") or pick another name"));
            } else if (existing == null && !described.saysDoesNotExist()) {
                d.put("problem", described.problem());
                s.events().check(CheckResult.fail(id(), d, "cannot tell whether cluster " + name + " exists: 'pcluster"
                        + " describe-cluster' said " + described.problem() + "; check pcluster and the credentials"));
            }
        }
        return new Decision(name, existing, v.getOrEmpty(ConfigKeys.HEADNODE_INSTANCE_TYPE), v.getOrEmpty(ConfigKeys.FSX_FS_SIZE),
                queues, yaml);
    }

    @Override
    public List<PlannedChange> describe(Decision d) {
        PlannedChange c = PlannedChange.of("cluster", d.cluster(), d.exists() ? Action.REUSE : Action.CREATE)
                .with("head_node_instance_type", d.headNodeType())
                .with("fsx_size_gb", d.fsxSizeGb())
                .with("queues", d.queues().stream().map(CreateStep::queue).toList())
                .with("cluster_yaml_path", d.yaml());
        return List.of(d.exists()
                ? c.with("status", d.existing()).with("note", "not created again; the create checks that its settings are this run's")
                : c);
    }

    private static Map<String, Object> queue(QueueCost q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", q.queue());
        m.put("instance_types", q.types());
        m.put("max_count", q.maxCount());
        m.put("capacity", q.spot() ? "spot" : "on-demand");
        m.put("spot_price_usd", q.price() == null ? null : q.price().toPlainString());
        m.put("max_hourly_usd", q.maxHourly().toPlainString());
        return m;
    }

    @Override
    public RunContext apply(Decision decision, RunContext ctx, StepServices s) {
        String name = decision.cluster();
        String region = ctx.require(ContextKeys.REGION);
        if (decision.exists()) {
            s.events().check(CheckResult.pass(id(), Map.of("cluster_status", decision.existing(), "action", "already_exists")));
            return ctx.get(ContextKeys.CLUSTER_STATUS).isPresent() ? ctx : ctx.with(ContextKeys.CLUSTER_STATUS, decision.existing());
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
