package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code pcluster.plan} (issue #20): the cluster a create would make. The template is rendered as the
 * create renders it (subnets of a baseline stack still to be created as stand-ins) with the queues' spot
 * prices, and written beside the config as {@code <cluster>_cluster_<run id>.plan.yaml}; the existence
 * check is the create's ({@code pcluster describe-cluster}, shared with the prefetch). The plan names the
 * cluster, its queues (types, max count, price) and FSx size, and the cost of the spot queues at full scale.
 */
public final class PclusterPlanStep implements Step {
    @Override
    public String id() {
        return "pcluster.plan";
    }

    @Override
    public int order() {
        return Order.PCLUSTER;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.PLAN);
    }

    @Override
    public boolean mutatesAws() {
        return false;
    }

    @Override
    public String description() {
        return "render the cluster YAML, price the queues and check whether the cluster exists (read-only)";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        ConfigValues v = ctx.require(ContextKeys.VALUES);
        String cluster = ctx.require(ContextKeys.CLUSTER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        String az = ctx.require(ContextKeys.REGION_AZ);
        List<String> standIns = new ArrayList<>();
        String rendered = TemplateCheckStep.renderWithStandIns(Templates.read(v.getOrEmpty(ConfigKeys.CLUSTER_TEMPLATE_YAML),
                s.workDir()), ctx, s.env(), standIns);
        Map<String, List<String>> queues = SpotPricer.queueTypes(rendered);
        Set<String> types = new TreeSet<>();
        queues.values().forEach(types::addAll);
        // the preflight's template check read these prices: not asked again
        Map<String, BigDecimal> found = types.isEmpty() ? Map.of() : s.lookups().get(TemplateCheckStep.pricesKey(az, types),
                () -> SpotPricer.prices(s.aws().get(Ec2Client.class, ctx), types, az, s.clock().now()));
        Map<String, BigDecimal> byQueue = SpotPricer.queuePrices(queues, found, io.daylily.ec.support.Settings.SPOT_BUMP.read(s.env()));
        Path yaml = AtomicFiles.writePrivate(s.configDir().resolve(cluster + "_cluster_" + ctx.runId() + ".plan.yaml"),
                SpotPricer.apply(rendered, byQueue));
        List<QueueCost> costs = QueueCost.of(rendered, byQueue);
        Map<String, Object> cost = QueueCost.summary(costs, v.getOrEmpty(ConfigKeys.BUDGET_AMOUNT));

        PclusterClient cli = PclusterClient.of(ctx, s);
        PclusterClient.Result described = s.lookups().get(cli.describeKey(cluster, region), () -> cli.describe(cluster, region));
        String existing = PclusterClient.status(described);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cluster_yaml_path", yaml.toString());
        d.put("stand_ins", standIns);
        if (existing != null && !DryRunStep.REUSABLE.contains(existing)) {
            d.put("existing_cluster_status", existing);
            s.events().check(CheckResult.fail(id(), d, "cluster " + cluster + " already exists in " + region + " as " + existing
                    + "; a create would stop there. Delete it first (daylily-ec delete --cluster-name " + cluster
                    + " --region " + region + ") or pick another name"));
            return ctx;
        }
        if (existing == null && !described.saysDoesNotExist()) {
            d.put("problem", described.problem());
            s.events().check(CheckResult.fail(id(), d, "cannot tell whether cluster " + cluster + " exists: 'pcluster describe-cluster'"
                    + " said " + described.problem() + "; check pcluster and the credentials"));
            return ctx;
        }
        PlannedChange c = PlannedChange.of("cluster", cluster, existing == null ? Action.CREATE : Action.REUSE)
                .with("head_node_instance_type", v.getOrEmpty(ConfigKeys.HEADNODE_INSTANCE_TYPE))
                .with("fsx_size_gb", v.getOrEmpty(ConfigKeys.FSX_FS_SIZE))
                .with("queues", costs.stream().map(PclusterPlanStep::queue).toList())
                .with("cluster_yaml_path", yaml.toString());
        if (existing != null) {
            c = c.with("status", existing).with("note", "not created again; the create checks that its settings are this run's");
        }
        d.put("action", c.action().label());
        d.putAll(cost);
        s.events().check(CheckResult.pass(id(), d));
        return Plan.add(ctx, List.of(c)).with(ContextKeys.CLUSTER_YAML_PATH, yaml.toString()).with(ContextKeys.COST, cost);
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
}
