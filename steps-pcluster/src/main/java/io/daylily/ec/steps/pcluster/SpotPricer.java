package io.daylily.ec.steps.pcluster;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.support.AwsErrors;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * Spot prices (PARITY §16, DECISIONS #17): one batched, paginated {@code DescribeSpotPriceHistory} for
 * every instance type of the template in the AZ ({@code Linux/UNIX}, start = end = now); per queue the
 * median of its types' prices (5.55 for a type without a price) plus the bump (4.14), rounded once to
 * 4 decimals, written in place of each {@code CALCULATE_MAX_SPOT_PRICE} of the queue — the rest of the
 * file (comments, layout) untouched.
 */
public final class SpotPricer {
    public static final String PLACEHOLDER = "CALCULATE_MAX_SPOT_PRICE";
    public static final BigDecimal FALLBACK = new BigDecimal("5.55");
    public static final BigDecimal BUMP = io.daylily.ec.support.Settings.SPOT_BUMP.fallback();
    static final String COMMENT = " # Calculated using (median spot price).";

    /** Queue name → instance types, in file order. */
    static Map<String, List<String>> queueTypes(String yaml) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(doc instanceof Map<?, ?> top) || !(top.get("Scheduling") instanceof Map<?, ?> s)
                || !(s.get("SlurmQueues") instanceof List<?> queues)) {
            return out;
        }
        for (Object q : queues) {
            if (!(q instanceof Map<?, ?> queue)) {
                continue;
            }
            Set<String> types = new LinkedHashSet<>();
            if (queue.get("ComputeResources") instanceof List<?> crs) {
                for (Object c : crs) {
                    if (c instanceof Map<?, ?> cr && cr.get("Instances") instanceof List<?> inst) {
                        for (Object i : inst) {
                            if (i instanceof Map<?, ?> im && im.get("InstanceType") instanceof String t) {
                                types.add(t.strip());
                            }
                        }
                    }
                }
            }
            out.put(String.valueOf(queue.get("Name")), new ArrayList<>(types));
        }
        return out;
    }

    /** The latest price of each type in the AZ: one request for all types, every page read. */
    static Map<String, BigDecimal> prices(Ec2Client ec2, Set<String> types, String az, Instant now) {
        Map<String, BigDecimal> price = new HashMap<>();
        Map<String, Instant> at = new HashMap<>();
        try {
            // the SDK's paginator follows NextToken: every page is read
            for (SpotPrice p : ec2.describeSpotPriceHistoryPaginator(DescribeSpotPriceHistoryRequest.builder()
                    .instanceTypesWithStrings(types).productDescriptions("Linux/UNIX").availabilityZone(az)
                    .startTime(now).endTime(now).maxResults(1000).build()).spotPriceHistory()) {
                String t = p.instanceTypeAsString();
                Instant ts = p.timestamp() == null ? Instant.EPOCH : p.timestamp();
                BigDecimal v = parse(p.spotPrice());
                if (v != null && (!at.containsKey(t) || ts.isAfter(at.get(t)))) {
                    price.put(t, v);
                    at.put(t, ts);
                }
            }
        } catch (SdkException e) {
            // denied, throttled, unreachable, expired credentials: each its own words (AwsErrors)
            throw new AwsOperationException(AwsErrors.describe(e, "ec2:DescribeSpotPriceHistory in " + az,
                    "ec2:DescribeSpotPriceHistory"), e);
        }
        return price;
    }

    private static BigDecimal parse(String s) {
        try {
            return s == null ? null : new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Median (mean of the middle two for an even count) + bump, rounded half-up once to 4 decimals. */
    static BigDecimal queuePrice(List<BigDecimal> prices, BigDecimal bump) {
        List<BigDecimal> sorted = new ArrayList<>(prices);
        sorted.sort(null);
        int n = sorted.size();
        BigDecimal median = n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
        return median.add(bump).setScale(4, RoundingMode.HALF_UP);
    }

    /** Queue name → price for every queue that lists instance types. */
    static Map<String, BigDecimal> queuePrices(Map<String, List<String>> queues, Map<String, BigDecimal> found, BigDecimal bump) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        queues.forEach((q, types) -> {
            if (!types.isEmpty()) {
                out.put(q, queuePrice(types.stream().map(t -> found.getOrDefault(t, FALLBACK)).toList(), bump));
            }
        });
        return out;
    }

    /** The text with each queue's placeholders replaced by its price (and a comment), everything else kept. */
    static String apply(String yaml, Map<String, BigDecimal> priceByQueue) {
        Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        List<int[]> edits = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Node sched = child(root, "Scheduling");
        Node queues = sched == null ? null : child(sched, "SlurmQueues");
        if (queues instanceof SequenceNode seq) {
            for (Node q : seq.getValue()) {
                Node name = child(q, "Name");
                BigDecimal price = name instanceof ScalarNode sn ? priceByQueue.get(sn.getValue()) : null;
                Node crs = child(q, "ComputeResources");
                if (price == null || !(crs instanceof SequenceNode crList)) {
                    continue;
                }
                for (Node cr : crList.getValue()) {
                    if (child(cr, "SpotPrice") instanceof ScalarNode sp && PLACEHOLDER.equals(sp.getValue())) {
                        edits.add(new int[] {sp.getStartMark().getLine(), sp.getStartMark().getColumn(), sp.getEndMark().getColumn()});
                        values.add(price.toPlainString());
                    }
                }
            }
        }
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < edits.size(); i++) {
            int[] e = edits.get(i);
            String l = lines[e[0]];
            String rest = l.substring(e[2]);
            lines[e[0]] = l.substring(0, e[1]) + values.get(i) + (rest.contains("#") ? rest : rest + COMMENT);
        }
        return String.join("\n", lines);
    }

    private static Node child(Node n, String key) {
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private SpotPricer() {
    }
}
