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
import io.daylily.ec.api.config.AutoSelect;
import io.daylily.ec.api.config.ConfigKey;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.Settings;
import io.daylily.ec.support.config.ConfigKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code pcluster.spot_market} ({@code daylily-ec spot-market --region R}, issue #20): for every AZ of the
 * region, each queue's spot price as a create in that AZ would set it and each spot queue's placement score
 * there, best AZ first ({@link SpotMarket}). One {@code DescribeSpotPriceHistory} for every type and AZ at
 * once (paginated), one {@code GetSpotPlacementScores} per spot queue, one {@code DescribeInstanceTypes}
 * (target vCPUs) and one {@code DescribeAvailabilityZones} (names) — the reads that do not wait on each other
 * run at the same time. The queues, types and max counts are the config's ({@code cluster_template_yaml},
 * {@code max_count_*}: the set value, else the effective default), as the preflight reads them.
 */
public final class SpotMarketStep implements Step {
    /** The document's version (docs/spot-market.md); raised only when a field changes meaning or goes away. */
    static final int SCHEMA_VERSION = 1;
    /** The cluster name the template is rendered with: no cluster is named by this command, and the render needs one. */
    static final String RENDER_NAME = "spot-market";

    @Override
    public String id() {
        return "pcluster.spot_market";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 96;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.SPOT_MARKET);
    }

    @Override
    public boolean mutatesAws() {
        return false;
    }

    @Override
    public String description() {
        return "every AZ's queue spot prices and placement scores, best AZ first (read-only)";
    }

    /** The values the render needs from the config: the template and the max counts, each set value else effective default. */
    static ConfigValues values(ConfigSnapshot cfg, Map<String, String> env) {
        boolean autoOff = AutoSelect.disabled(env);
        ConfigValues v = ConfigValues.empty();
        List<ConfigKey> keys = new ArrayList<>(ConfigKeys.MAX_COUNTS);
        keys.add(0, ConfigKeys.CLUSTER_TEMPLATE_YAML);
        for (ConfigKey k : keys) {
            v = v.with(k, cfg.autoValue(k, autoOff).orElse(cfg.effectiveDefault(k, k.defaultValue())));
        }
        return v;
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String region = ctx.require(ContextKeys.REGION);
        ConfigValues values = values(ctx.require(ContextKeys.CONFIG), s.env());
        String template = values.getOrEmpty(ConfigKeys.CLUSTER_TEMPLATE_YAML);
        String where = ctx.get(ContextKeys.CONFIG_FILE).orElse("the config");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("region", region);
        d.put("template", template);
        String rendered;
        try {
            // the AZ only names the project tag of a YAML that is read here and written nowhere
            RunContext render = ctx.with(ContextKeys.VALUES, values).with(ContextKeys.CLUSTER_NAME, RENDER_NAME)
                    .with(ContextKeys.REGION_AZ, region + "a");
            rendered = TemplateCheckStep.renderWithStandIns(Templates.read(template, s.workDir()), render, s.env(), new ArrayList<>());
            SpotPricer.queues(rendered);
        } catch (DaylilyException | org.yaml.snakeyaml.error.YAMLException e) {
            s.events().check(CheckResult.fail(id(), d, "cannot read the queues of cluster_template_yaml (" + template + "): "
                    + e.getMessage().lines().findFirst().orElse("") + "; fix cluster_template_yaml in " + where));
            return ctx;
        }
        Map<String, List<String>> queueTypes = SpotPricer.queueTypes(rendered);
        Set<String> types = new TreeSet<>();
        queueTypes.values().forEach(types::addAll);
        if (types.isEmpty()) {
            s.events().check(CheckResult.fail(id(), d, "no queue of cluster_template_yaml (" + template
                    + ") lists an instance type: there is nothing to price; fix cluster_template_yaml in " + where));
            return ctx;
        }
        List<SpotPlacement.Queue> spot = SpotPlacement.spotQueues(rendered);
        Ec2Client ec2 = s.aws().get(Ec2Client.class, ctx);
        Instant now = s.clock().now();
        Lookups.Key<Map<String, Map<String, BigDecimal>>> pricesKey = new Lookups.Key<>("spot_market.prices:" + region + ":" + types);
        Lookups.Key<Map<String, String>> zonesKey = SpotPlacement.zonesKey(region);
        s.lookups().start(pricesKey, () -> SpotPricer.pricesByZone(ec2, types, now));
        s.lookups().start(zonesKey, () -> SpotPlacement.zoneNames(ec2));
        Set<String> spotTypes = new TreeSet<>();
        spot.forEach(q -> spotTypes.addAll(q.types()));
        s.lookups().start(SpotPlacement.vcpusKey(spotTypes), () -> SpotPlacement.vcpus(ec2, spotTypes)); // the three reads at once

        Map<String, Integer> vcpus = Map.of();
        Map<String, Map<String, Integer>> scores = new LinkedHashMap<>();
        String scoresNote = spot.isEmpty() ? "no spot queue in the template: nothing to score or to cost at full scale; AZs in name order" : "";
        Map<String, String> zones = zones(s, zonesKey, ec2);
        try {
            vcpus = s.lookups().get(SpotPlacement.vcpusKey(spotTypes), () -> SpotPlacement.vcpus(ec2, spotTypes));
            for (Map.Entry<String, java.util.function.Supplier<Map<String, Integer>>> read
                    : SpotPlacement.startScores(s.lookups(), ec2, region, spot, vcpus, zones).entrySet()) {
                scores.put(read.getKey(), read.getValue().get());
            }
        } catch (SdkException e) {
            scores.clear();
            scoresNote = "spot placement scores not read (" + AwsErrors.text(e) + "; grant ec2:DescribeInstanceTypes and"
                    + " ec2:GetSpotPlacementScores to see them): AZs are ranked by price alone";
            s.events().warn(id(), scoresNote);
        }
        Map<String, Map<String, BigDecimal>> prices = s.lookups().get(pricesKey, () -> SpotPricer.pricesByZone(ec2, types, now));
        BigDecimal bump = Settings.SPOT_BUMP.read(s.env());
        List<SpotMarket.Zone> ranked = SpotMarket.zones(zones.values(), rendered, prices, scores, bump);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_version", SCHEMA_VERSION);
        doc.put("region", region);
        doc.put("config_path", ctx.get(ContextKeys.CONFIG_FILE).orElse(null));
        doc.put("template", template);
        doc.put("bump_usd", bump.toPlainString());
        boolean scored = !spot.isEmpty() && !scores.isEmpty();
        doc.put("queues", queues(rendered, scored ? spot : List.of(), vcpus)); // no target without the vCPUs
        doc.put("scores_read", scored);
        doc.put("scores_note", scoresNote);
        List<Map<String, Object>> zoneDocs = new ArrayList<>();
        int rank = 1;
        for (SpotMarket.Zone z : ranked) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", rank++);
            m.put("az", z.az());
            Map<String, String> p = new LinkedHashMap<>();
            z.prices().forEach((q, v) -> p.put(q, v.toPlainString()));
            m.put("prices", p);
            m.put("scores", new LinkedHashMap<>(z.scores()));
            m.put("lowest_score", !scored ? null : z.lowestScore(spot.stream().map(SpotPlacement.Queue::name).toList()));
            m.put("types_without_price", z.typesWithoutPrice());
            m.put("max_hourly_usd", QueueCost.usd(z.maxHourly()));
            zoneDocs.add(m);
        }
        doc.put("zones", zoneDocs);
        doc.put("not_included", QueueCost.NOT_INCLUDED);
        d.put("azs", ranked.size());
        d.put("best_az", ranked.isEmpty() ? null : ranked.get(0).az());
        s.events().check(CheckResult.pass(id(), d));
        return ctx.with(ContextKeys.SPOT_MARKET, doc);
    }

    /** AZ id → name; the one read this command cannot do without (exit 2 naming it when it fails). */
    private static Map<String, String> zones(StepServices s, Lookups.Key<Map<String, String>> key, Ec2Client ec2) {
        try {
            return s.lookups().get(key, () -> SpotPlacement.zoneNames(ec2));
        } catch (SdkException e) {
            throw new AwsOperationException(AwsErrors.describe(e, "ec2:DescribeAvailabilityZones", "ec2:DescribeAvailabilityZones"), e);
        }
    }

    private static List<Map<String, Object>> queues(String rendered, List<SpotPlacement.Queue> spot, Map<String, Integer> vcpus) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (QueueCost q : QueueCost.of(rendered, Map.of())) {
            if (q.types().isEmpty()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", q.queue());
            m.put("instance_types", q.types());
            m.put("capacity", q.spot() ? "spot" : "on-demand");
            m.put("max_count", q.maxCount());
            m.put("target_vcpus", spot.stream().filter(x -> x.name().equals(q.queue())).findFirst()
                    .map(x -> (Object) SpotPlacement.targetVcpus(x, vcpus)).orElse(null));
            out.add(m);
        }
        return out;
    }
}
