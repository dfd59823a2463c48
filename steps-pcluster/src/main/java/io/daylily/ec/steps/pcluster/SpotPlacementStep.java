package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.AwsErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code pcluster.spot_placement} (issue #20): before anything is created, EC2's spot placement score of
 * each spot queue in the chosen AZ — a check per queue that passes with a good score, and warns when the
 * score there is low (≤ {@value SpotPlacement#LOW} of 10), naming the AZs of the region that score best.
 * A denied or unsupported call is a warning saying so, never a failure.
 */
public final class SpotPlacementStep implements Step {
    @Override
    public String id() {
        return "pcluster.spot_placement";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 95;
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
        return "the spot placement score of each spot queue in the AZ (EC2 GetSpotPlacementScores)";
    }

    /** The check id of one queue: {@code pcluster.spot_placement.<queue>} (other characters than letters, digits, _ as _). */
    static String checkId(String queue) {
        return "pcluster.spot_placement." + queue.replaceAll("[^A-Za-z0-9_]", "_");
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        Optional<String> rendered = TemplateCheckStep.renderedForChecks(ctx, s);
        if (rendered.isEmpty()) {
            return ctx; // an earlier gate, or pcluster.template, reported why there is nothing to score
        }
        List<SpotPlacement.Queue> queues = SpotPlacement.spotQueues(rendered.get());
        if (queues.isEmpty()) {
            return ctx;
        }
        String az = ctx.require(ContextKeys.REGION_AZ);
        String region = ctx.require(ContextKeys.REGION);
        Ec2Client ec2;
        Map<String, Integer> vcpus;
        Map<String, String> zones;
        Set<String> types = new TreeSet<>();
        queues.forEach(q -> types.addAll(q.types()));
        try {
            ec2 = s.aws().get(Ec2Client.class, ctx);
            Ec2Client c = ec2;
            // the two lookups at once, then every queue's score call at once: two round trips, whatever the queues
            s.lookups().start(SpotPlacement.zonesKey(region), () -> SpotPlacement.zoneNames(c));
            vcpus = s.lookups().get(SpotPlacement.vcpusKey(types), () -> SpotPlacement.vcpus(c, types));
            zones = s.lookups().get(SpotPlacement.zonesKey(region), () -> SpotPlacement.zoneNames(c));
        } catch (SdkException e) {
            s.events().check(CheckResult.warn(id(), Map.of("az", az), "spot placement scores not read ("
                    + AwsErrors.text(e) + "); the create goes on without them"));
            return ctx;
        }
        Map<String, java.util.function.Supplier<Map<String, Integer>>> reads = SpotPlacement.startScores(s.lookups(), ec2, region,
                queues, vcpus, zones);
        for (SpotPlacement.Queue q : queues) {
            int target = SpotPlacement.targetVcpus(q, vcpus);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("queue", q.name());
            d.put("az", az);
            d.put("instance_types", q.types());
            d.put("target_vcpus", target);
            Map<String, Integer> scores;
            try {
                scores = reads.get(q.name()).get();
            } catch (SdkException e) {
                // denied or not offered here: said once, for every queue
                s.events().check(CheckResult.warn(checkId(q.name()), d, "spot placement score not read ("
                        + AwsErrors.text(e) + "; grant ec2:GetSpotPlacementScores to see it); the create goes on without it"));
                return ctx;
            }
            int here = scores.getOrDefault(az, 0);
            List<String> best = scores.entrySet().stream().limit(3).map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
            d.put("score", here);
            d.put("best_azs", best);
            if (here > SpotPlacement.LOW) {
                s.events().check(CheckResult.pass(checkId(q.name()), d));
            } else {
                s.events().check(CheckResult.warn(checkId(q.name()), d, "spot placement score of queue " + q.name() + " in " + az
                        + " is " + (scores.containsKey(az) ? here + " of 10" : "not given (EC2 scored other AZs only)") + " for "
                        + target + " vCPUs of " + String.join(", ", q.types()) + ": a create here may wait for or fail on spot capacity."
                        + (best.isEmpty() ? "" : " AZs that score best: " + String.join(", ", best))));
            }
        }
        return ctx;
    }
}
