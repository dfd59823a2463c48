package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@code pcluster.spot_prices}: prices every queue ({@link SpotPricer}); writes {@code <cluster>_cluster_<ts>.yaml}. */
public final class SpotPriceStep implements Step {
    static final String BUMP_ENV = io.daylily.ec.support.Settings.SPOT_BUMP.name();

    /** Each queue of the priced cluster YAML with its price and max count, for the create step's plan (this module's own key). */
    static final ContextKey<QueueCosts> QUEUES = ContextKey.of("pcluster.queue_costs", QueueCosts.class);

    /** The queues as priced. */
    record QueueCosts(List<QueueCost> queues) {
        QueueCosts {
            queues = List.copyOf(queues);
        }
    }

    @Override
    public String id() {
        return "pcluster.spot_prices";
    }

    @Override
    public int order() {
        return Order.PCLUSTER + 10;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PLAN);
    }

    @Override
    public String description() {
        return "set each queue's SpotPrice: median spot price of its types + 4.14";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        Path in = Path.of(ctx.require(ContextKeys.INIT_TEMPLATE_PATH));
        String yaml;
        try {
            yaml = Files.readString(in);
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "cannot read " + in + ": " + e.getMessage(), e);
        }
        BigDecimal bump = io.daylily.ec.support.Settings.SPOT_BUMP.read(s.env());
        Map<String, List<String>> queues = SpotPricer.queueTypes(yaml);
        Set<String> types = new TreeSet<>();
        queues.values().forEach(types::addAll);
        String az = ctx.require(ContextKeys.REGION_AZ);
        // read in the preflight (pcluster.template_check) when the types are the same: not asked twice
        Map<String, BigDecimal> found = types.isEmpty() ? Map.of() : s.lookups().get(TemplateCheckStep.pricesKey(az, types),
                () -> SpotPricer.prices(s.aws().get(Ec2Client.class, ctx), types, az, s.clock().now()));
        Map<String, BigDecimal> byQueue = SpotPricer.queuePrices(queues, found, bump);
        String out = SpotPricer.apply(yaml, byQueue);
        Path target = s.configDir().resolve(ctx.require(ContextKeys.CLUSTER_NAME) + "_cluster_" + ctx.runId()
                + (RenderStep.planning(ctx) ? ".plan.yaml" : ".yaml"));
        AtomicFiles.writePrivate(target, out);
        Map<String, Object> d = new LinkedHashMap<>();
        byQueue.forEach((q, p) -> d.put("queue." + q, p.toPlainString()));
        d.put("types_priced", found.size());
        d.put("types_without_price", types.size() - found.size());
        d.put("bump", bump.toPlainString());
        d.put("cluster_yaml_path", target.toString());
        // issue #20: the cost at full scale, said once before the dry run and the create
        List<QueueCost> costs = QueueCost.of(yaml, byQueue);
        Map<String, Object> cost = QueueCost.summary(costs,
                ctx.require(ContextKeys.VALUES).getOrEmpty(io.daylily.ec.support.config.ConfigKeys.BUDGET_AMOUNT));
        cost.forEach((k, v) -> d.put("cost." + k, v));
        s.events().check(CheckResult.pass(id(), d));
        if (!byQueue.isEmpty() && !RenderStep.planning(ctx)) {
            s.prompter().say(QueueCost.line(cost)); // a plan shows it at its end
        }
        return ctx.with(ContextKeys.CLUSTER_YAML_PATH, target.toString()).with(ContextKeys.COST, cost)
                .with(QUEUES, new QueueCosts(costs));
    }
}
