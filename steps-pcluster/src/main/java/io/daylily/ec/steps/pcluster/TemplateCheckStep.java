package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.config.ConfigKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code pcluster.template_check} (issue #16): the checks that used to wait until after budgets
 * and the baseline stack existed, made in the read-only phase. The cluster template is rendered
 * (subnets the baseline stack has yet to create stand in as placeholders) and must be a
 * ParallelCluster cluster configuration: a mapping with {@code Region}, {@code HeadNode} and
 * {@code Scheduling.SlurmQueues}, each queue with compute resources whose {@code MaxCount} is at
 * least 1. Then the spot prices of the queues' instance types are read ({@code DescribeSpotPriceHistory},
 * one request, shared with {@code pcluster.spot_prices} so the create does not ask again): a denied
 * call is a FAIL here, before anything is created.
 */
public final class TemplateCheckStep implements Step {
    /** The subnet id a render uses for a subnet the baseline stack has not created yet. */
    static final String STAND_IN = "subnet-00000000standin";

    @Override
    public String id() {
        return "pcluster.template_check";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 90;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public boolean mutatesAws() {
        return false;
    }

    @Override
    public String description() {
        return "render the cluster template and check it as ParallelCluster would; read the queues' spot prices";
    }

    /** The lookup key of the spot prices of {@code types} in {@code az}: one request per run. */
    static Lookups.Key<Map<String, BigDecimal>> pricesKey(String az, Set<String> types) {
        return new Lookups.Key<>("ec2:DescribeSpotPriceHistory:" + az + ":" + String.join(",", new TreeSet<>(types)));
    }

    /**
     * {@code template} rendered with this run's values, a value not settled yet (the subnets of a baseline
     * stack still to be created) standing in as a placeholder; the tokens that stood in are added to {@code standIns}.
     */
    static String renderWithStandIns(String template, RunContext ctx, Map<String, String> env, List<String> standIns) {
        Map<String, String> values = RenderStep.values(ctx, env);
        Set<String> needed = new TreeSet<>(Renderer.tokens(template));
        needed.retainAll(Renderer.TOKENS); // an unknown token is left for the render to refuse
        needed.addAll(Renderer.REQUIRED);
        for (String token : needed) {
            if (values.getOrDefault(token, "").isEmpty()) {
                values.put(token, token.endsWith("SUBNET") ? STAND_IN : "standin");
                standIns.add(token);
            }
        }
        return Renderer.render(template, values);
    }

    /**
     * The run's {@code cluster_template_yaml} when the run has what a render needs (the template, a cluster
     * name, an AZ); empty otherwise — an earlier gate reported what is missing.
     */
    static Optional<String> templatePath(RunContext ctx) {
        String path = ctx.get(ContextKeys.VALUES).orElse(ConfigValues.empty()).getOrEmpty(ConfigKeys.CLUSTER_TEMPLATE_YAML);
        return path.isEmpty() || ctx.get(ContextKeys.CLUSTER_NAME).isEmpty() || !ctx.contains(ContextKeys.REGION_AZ)
                ? Optional.empty() : Optional.of(path);
    }

    /**
     * The run's template rendered with stand-ins for what is not settled yet, for a read-only check after this
     * one; empty when {@link #templatePath} is, or when the template cannot be rendered or parsed (this check says why).
     */
    static Optional<String> renderedForChecks(RunContext ctx, StepServices s) {
        Optional<String> path = templatePath(ctx);
        if (path.isEmpty()) {
            return path;
        }
        try {
            String rendered = renderWithStandIns(Templates.read(path.get(), s.workDir()), ctx, s.env(), new ArrayList<>());
            SpotPricer.queues(rendered); // parses: a template that is not YAML is refused here, not by each reader
            return Optional.of(rendered);
        } catch (RuntimeException e) { // DaylilyException, YAMLException
            return Optional.empty();
        }
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        Optional<String> path = templatePath(ctx);
        if (path.isEmpty()) {
            return ctx; // an earlier gate reported what is missing
        }
        String templatePath = path.get();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("template", templatePath);
        String rendered;
        List<String> standIns = new ArrayList<>();
        try {
            rendered = renderWithStandIns(Templates.read(templatePath, s.workDir()), ctx, s.env(), standIns);
        } catch (DaylilyException e) {
            s.events().check(CheckResult.fail("pcluster.template", d, e.getMessage() + "; fix cluster_template_yaml ("
                    + templatePath + ")"));
            return ctx;
        }
        d.put("stand_ins", standIns);
        List<String> problems = problems(rendered);
        if (!problems.isEmpty()) {
            d.put("problems", problems);
            s.events().check(CheckResult.fail("pcluster.template", d, "cluster_template_yaml (" + templatePath
                    + ") is not a cluster configuration ParallelCluster would accept: "
                    + String.join("; ", problems)));
            return ctx;
        }
        s.events().check(CheckResult.pass("pcluster.template", d));
        spotPrices(ctx, s, rendered);
        return ctx;
    }

    private void spotPrices(RunContext ctx, StepServices s, String rendered) {
        Map<String, List<String>> queues = SpotPricer.queueTypes(rendered);
        Set<String> types = new TreeSet<>();
        queues.values().forEach(types::addAll);
        if (types.isEmpty()) {
            return;
        }
        String az = ctx.require(ContextKeys.REGION_AZ);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("az", az);
        Map<String, BigDecimal> found;
        try {
            Ec2Client ec2 = s.aws().get(Ec2Client.class, ctx);
            found = s.lookups().get(pricesKey(az, types), () -> SpotPricer.prices(ec2, types, az, s.clock().now()));
        } catch (AwsOperationException e) {
            CheckResult c = CheckResult.fail("pcluster.spot_price_lookup", d, e.getMessage());
            // an AWS failure: exit 2, not a validation one
            s.events().check(e.getCause() instanceof SdkException sdk ? c.withAwsError(AwsErrors.kind(sdk).detail()) : c);
            return;
        }
        BigDecimal bump = io.daylily.ec.support.Settings.SPOT_BUMP.read(s.env());
        Map<String, BigDecimal> byQueue = SpotPricer.queuePrices(queues, found, bump);
        byQueue.forEach((q, p) -> d.put("queue." + q, p.toPlainString()));
        d.put("types_without_price", types.size() - found.size());
        // issue #20: what the spot queues cost at full scale, and what the cluster budget buys of it
        QueueCost.summary(QueueCost.of(rendered, byQueue), ctx.require(ContextKeys.VALUES).getOrEmpty(ConfigKeys.BUDGET_AMOUNT))
                .forEach((k, v) -> d.put("cost." + k, v));
        s.events().check(CheckResult.pass("pcluster.spot_price_lookup", d));
    }

    /** What ParallelCluster would refuse in a rendered cluster configuration (empty when nothing). */
    static List<String> problems(String rendered) {
        List<String> out = new ArrayList<>();
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(rendered);
        } catch (YAMLException e) {
            out.add("it is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
            return out;
        }
        if (!(doc instanceof Map<?, ?> top)) {
            out.add("it is not a YAML mapping");
            return out;
        }
        if (!(top.get("Region") instanceof String)) {
            out.add("no Region");
        }
        if (!(top.get("HeadNode") instanceof Map<?, ?> head)) {
            out.add("no HeadNode section");
        } else if (!(head.get("InstanceType") instanceof String)) {
            out.add("HeadNode has no InstanceType");
        }
        if (!(top.get("Scheduling") instanceof Map<?, ?> sched) || !(sched.get("SlurmQueues") instanceof List<?> queues)
                || queues.isEmpty()) {
            out.add("no Scheduling.SlurmQueues");
            return out;
        }
        for (Object q : queues) {
            if (!(q instanceof Map<?, ?> queue) || !(queue.get("Name") instanceof String name)) {
                out.add("a queue without a Name");
                continue;
            }
            if (!(queue.get("ComputeResources") instanceof List<?> crs) || crs.isEmpty()) {
                out.add("queue " + name + " has no ComputeResources");
                continue;
            }
            for (Object c : crs) {
                if (!(c instanceof Map<?, ?> cr) || !(cr.get("Name") instanceof String crName)) {
                    out.add("queue " + name + " has a compute resource without a Name");
                    continue;
                }
                Object max = cr.get("MaxCount");
                if (max != null && !(max instanceof Integer n && n >= 1)) {
                    out.add("queue " + name + ", compute resource " + crName + ": MaxCount " + max
                            + " (ParallelCluster requires a whole number >= 1; see max_count_* in the config)");
                }
            }
        }
        return out;
    }
}
