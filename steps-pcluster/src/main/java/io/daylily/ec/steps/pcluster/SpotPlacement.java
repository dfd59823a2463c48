package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.Lookups;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresRequest;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.SpotPlacementScore;
import software.amazon.awssdk.services.ec2.model.TargetCapacityUnitType;

/**
 * Spot placement scores (issue #20): EC2's estimate, 1 to 10, of how likely a spot request of a given
 * size for given instance types succeeds in each AZ. Read-only: {@code DescribeInstanceTypes} once for
 * the queues' vCPUs, {@code DescribeAvailabilityZones} once for AZ names (scores name AZs by id), and one
 * {@code GetSpotPlacementScores} per queue (single-AZ scores in the run's region; target capacity in vCPUs
 * from the queue's {@code MaxCount}s).
 */
final class SpotPlacement {
    /** A score at or below this is low: a create in that AZ may wait for, or fail on, spot capacity. */
    static final int LOW = 3;

    /** A spot queue: its name, each compute resource's types and {@code MaxCount}. */
    record Queue(String name, List<List<String>> resourceTypes, List<Integer> maxCounts) {
        List<String> types() {
            List<String> all = new ArrayList<>();
            resourceTypes.forEach(t -> t.stream().filter(x -> !all.contains(x)).forEach(all::add));
            return all;
        }
    }

    private SpotPlacement() {
    }

    /** The spot queues of a rendered cluster configuration that list instance types, in file order. */
    static List<Queue> spotQueues(String yaml) {
        List<Queue> out = new ArrayList<>();
        for (Map<?, ?> q : SpotPricer.queues(yaml)) {
            Object capacity = q.get("CapacityType");
            if (capacity != null && !"SPOT".equals(String.valueOf(capacity).strip())) {
                continue;
            }
            List<List<String>> types = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            if (q.get("ComputeResources") instanceof List<?> crs) {
                for (Object c : crs) {
                    if (!(c instanceof Map<?, ?> cr) || !(cr.get("Instances") instanceof List<?> inst)) {
                        continue;
                    }
                    List<String> t = new ArrayList<>();
                    for (Object i : inst) {
                        if (i instanceof Map<?, ?> im && im.get("InstanceType") instanceof String s) {
                            t.add(s.strip());
                        }
                    }
                    if (!t.isEmpty()) {
                        types.add(t);
                        counts.add(cr.get("MaxCount") instanceof Integer n ? n : 0);
                    }
                }
            }
            if (!types.isEmpty()) {
                out.add(new Queue(String.valueOf(q.get("Name")), types, counts));
            }
        }
        return out;
    }

    /** The default vCPUs of each type EC2 knows (one request, every page). */
    static Map<String, Integer> vcpus(Ec2Client ec2, Collection<String> types) {
        Map<String, Integer> out = new HashMap<>();
        if (types.isEmpty()) {
            return out;
        }
        ec2.describeInstanceTypesPaginator(DescribeInstanceTypesRequest.builder().instanceTypesWithStrings(new TreeSet<>(types)).build())
                .instanceTypes().forEach((InstanceTypeInfo t) -> {
                    if (t.vCpuInfo() != null && t.vCpuInfo().defaultVCpus() != null) {
                        out.put(t.instanceTypeAsString(), t.vCpuInfo().defaultVCpus());
                    }
                });
        return out;
    }

    /** AZ id → AZ name in the client's region. */
    static Map<String, String> zoneNames(Ec2Client ec2) {
        Map<String, String> out = new HashMap<>();
        for (AvailabilityZone z : ec2.describeAvailabilityZones(DescribeAvailabilityZonesRequest.builder().build()).availabilityZones()) {
            if (z.zoneId() != null && z.zoneName() != null) {
                out.put(z.zoneId(), z.zoneName());
            }
        }
        return out;
    }

    /**
     * The vCPUs a queue asks for at full scale: each compute resource's {@code MaxCount} times the fewest vCPUs
     * among its types (a type EC2 did not describe counts 1), at least 1.
     */
    static int targetVcpus(Queue q, Map<String, Integer> vcpus) {
        long sum = 0;
        for (int i = 0; i < q.resourceTypes().size(); i++) {
            int per = q.resourceTypes().get(i).stream().map(t -> vcpus.getOrDefault(t, 1)).min(Integer::compare).orElse(1);
            sum += (long) q.maxCounts().get(i) * per;
        }
        return (int) Math.max(1, Math.min(sum, Integer.MAX_VALUE));
    }

    /** The shared lookup of the region's AZ names (one DescribeAvailabilityZones per run, whoever asks). */
    static Lookups.Key<Map<String, String>> zonesKey(String region) {
        return new Lookups.Key<>("ec2.zone_names:" + region);
    }

    /** The shared lookup of the vCPUs of {@code types}. */
    static Lookups.Key<Map<String, Integer>> vcpusKey(Collection<String> types) {
        return new Lookups.Key<>("ec2.vcpus:" + new TreeSet<>(types));
    }

    /**
     * Starts every queue's score call at once (each a shared lookup); returns, per queue in order, the read
     * to wait on, which throws what its call threw.
     */
    static Map<String, Supplier<Map<String, Integer>>> startScores(Lookups lookups, Ec2Client ec2, String region, List<Queue> queues,
                                                                   Map<String, Integer> vcpus, Map<String, String> zoneNames) {
        Map<String, Supplier<Map<String, Integer>>> out = new LinkedHashMap<>();
        for (Queue q : queues) {
            int target = targetVcpus(q, vcpus);
            Lookups.Key<Map<String, Integer>> key = new Lookups.Key<>("ec2.spot_placement:" + region + ":" + new TreeSet<>(q.types())
                    + ":" + target);
            Supplier<Map<String, Integer>> read = () -> scores(ec2, region, q.types(), target, zoneNames);
            lookups.start(key, read);
            out.put(q.name(), () -> lookups.get(key, read));
        }
        return out;
    }

    /** AZ name → score for {@code types} at {@code vcpus} in {@code region}, best first (an AZ EC2 did not score is absent). */
    static Map<String, Integer> scores(Ec2Client ec2, String region, List<String> types, int vcpus, Map<String, String> zoneNames) {
        Map<String, Integer> byName = new HashMap<>();
        GetSpotPlacementScoresRequest req = GetSpotPlacementScoresRequest.builder().instanceTypes(new TreeSet<>(types))
                .targetCapacity(vcpus).targetCapacityUnitType(TargetCapacityUnitType.VCPU).singleAvailabilityZone(true)
                .regionNames(region).build();
        for (SpotPlacementScore sc : ec2.getSpotPlacementScoresPaginator(req).spotPlacementScores()) {
            if (sc.availabilityZoneId() != null && sc.score() != null) {
                byName.merge(zoneNames.getOrDefault(sc.availabilityZoneId(), sc.availabilityZoneId()), sc.score(), Math::max);
            }
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
