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
 * Spot prices (PARITY §16, DECISIONS #17, issue #18): one batched, paginated {@code DescribeSpotPriceHistory}
 * for every instance type of the template in the AZ ({@code Linux/UNIX}, start = end = now); per queue the
 * median over every instance type the queue lists (a type listed twice counts twice; 5.55 for a type
 * without a price) plus the bump (4.14), computed in binary floating point and rounded once the way
 * Python's {@code round(x, 4)} does (half-even on the exact binary value), written as Python writes the
 * float ({@code 5.14}, {@code 6.0}). Every compute resource of a queue gets that {@code SpotPrice} — a
 * {@code CALCULATE_MAX_SPOT_PRICE}, a fixed number, or a missing key alike, as upstream overwrites them —
 * unless the queue is marked on-demand ({@code CapacityType} set and not {@code SPOT}), whose resources
 * only have their placeholders replaced. The rest of the file (comments, layout) is untouched.
 */
public final class SpotPricer {
    public static final String PLACEHOLDER = "CALCULATE_MAX_SPOT_PRICE";
    public static final BigDecimal FALLBACK = new BigDecimal("5.55");
    public static final BigDecimal BUMP = io.daylily.ec.support.Settings.SPOT_BUMP.fallback();
    static final String COMMENT = " # Calculated using (median spot price).";

    /** The {@code Scheduling.SlurmQueues} entries of {@code yaml} that are mappings, in file order (none when it has no queues). */
    static List<Map<?, ?>> queues(String yaml) {
        List<Map<?, ?>> out = new ArrayList<>();
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (doc instanceof Map<?, ?> top && top.get("Scheduling") instanceof Map<?, ?> s && s.get("SlurmQueues") instanceof List<?> queues) {
            for (Object q : queues) {
                if (q instanceof Map<?, ?> queue) {
                    out.add(queue);
                }
            }
        }
        return out;
    }

    /** Queue name → instance types, in file order. */
    static Map<String, List<String>> queueTypes(String yaml) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<?, ?> queue : queues(yaml)) {
            List<String> types = new ArrayList<>();
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
            out.put(String.valueOf(queue.get("Name")), types);
        }
        return out;
    }

    /** The latest price of each type in the AZ: one request for all types, every page read. */
    static Map<String, BigDecimal> prices(Ec2Client ec2, Set<String> types, String az, Instant now) {
        return latest(ec2, types, az, now).getOrDefault(az, new HashMap<>());
    }

    /**
     * AZ → the latest price of each type there, for every AZ of the client's region: one request for all
     * types and AZs (no AZ filter), every page read ({@code spot-market}).
     */
    static Map<String, Map<String, BigDecimal>> pricesByZone(Ec2Client ec2, Set<String> types, Instant now) {
        return latest(ec2, types, null, now);
    }

    /** AZ → type → latest price; {@code az} null asks for every AZ, else all rows count for {@code az}. */
    private static Map<String, Map<String, BigDecimal>> latest(Ec2Client ec2, Set<String> types, String az, Instant now) {
        Map<String, Map<String, BigDecimal>> price = new HashMap<>();
        Map<String, Instant> at = new HashMap<>();
        String where = az == null ? "every AZ of the region" : az;
        try {
            // the SDK's paginator follows NextToken: every page is read
            for (SpotPrice p : ec2.describeSpotPriceHistoryPaginator(DescribeSpotPriceHistoryRequest.builder()
                    .instanceTypesWithStrings(types).productDescriptions("Linux/UNIX").availabilityZone(az)
                    .startTime(now).endTime(now).maxResults(1000).build()).spotPriceHistory()) {
                String zone = az != null ? az : p.availabilityZone();
                if (zone == null) {
                    continue;
                }
                String t = p.instanceTypeAsString();
                String key = zone + " " + t;
                Instant ts = p.timestamp() == null ? Instant.EPOCH : p.timestamp();
                BigDecimal v = parse(p.spotPrice());
                if (v != null && (!at.containsKey(key) || ts.isAfter(at.get(key)))) {
                    price.computeIfAbsent(zone, z -> new HashMap<>()).put(t, v);
                    at.put(key, ts);
                }
            }
        } catch (SdkException e) {
            // denied, throttled, unreachable, expired credentials: each its own words (AwsErrors)
            throw new AwsOperationException(AwsErrors.describe(e, "ec2:DescribeSpotPriceHistory in " + where,
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

    /**
     * Median (mean of the middle two for an even count) + bump, as upstream computes it: in doubles, then
     * Python's {@code round(x, 4)} (half-even on the exact binary value: 8.29895 is 8.2989499… → 8.2989),
     * returned as Python writes the float (trailing zeros dropped, at least one decimal: 5.14, 6.0).
     */
    static BigDecimal queuePrice(List<BigDecimal> prices, BigDecimal bump) {
        double[] sorted = prices.stream().mapToDouble(BigDecimal::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return pythonRound4(median + bump.doubleValue());
    }

    /** Python's {@code round(x, 4)} of a double, as the shortest decimal Python would print for the result. */
    static BigDecimal pythonRound4(double x) {
        BigDecimal r = new BigDecimal(x).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return r.scale() < 1 ? r.setScale(1) : r;
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

    /** One text edit: at {@code line}, replace columns [{@code from}, {@code to}) by {@code text}. */
    private record Edit(int line, int from, int to, String text, boolean comment) {
    }

    /**
     * The text with each priced queue's compute resources given the queue's price (and a comment):
     * the {@code SpotPrice} value replaced, or a {@code SpotPrice} line added where the key is missing;
     * on-demand queues only have their placeholders replaced. Everything else is kept as written.
     */
    static String apply(String yaml, Map<String, BigDecimal> priceByQueue) {
        Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        List<Edit> edits = new ArrayList<>();
        Node sched = child(root, "Scheduling");
        Node queues = sched == null ? null : child(sched, "SlurmQueues");
        String[] lines = yaml.split("\n", -1);
        if (queues instanceof SequenceNode seq) {
            for (Node q : seq.getValue()) {
                Node name = child(q, "Name");
                BigDecimal price = name instanceof ScalarNode sn ? priceByQueue.get(sn.getValue()) : null;
                Node crs = child(q, "ComputeResources");
                if (price == null || !(crs instanceof SequenceNode crList)) {
                    continue;
                }
                boolean onDemand = child(q, "CapacityType") instanceof ScalarNode ct && !ct.getValue().strip().isEmpty()
                        && !ct.getValue().strip().equalsIgnoreCase("SPOT");
                String v = price.toPlainString();
                for (Node cr : crList.getValue()) {
                    Node sp = child(cr, "SpotPrice");
                    if (sp instanceof ScalarNode spv && (PLACEHOLDER.equals(spv.getValue()) || !onDemand)) {
                        edits.add(new Edit(spv.getStartMark().getLine(), spv.getStartMark().getColumn(),
                                spv.getEndMark().getColumn(), v, true));
                    } else if (sp == null && !onDemand && cr instanceof MappingNode m && !m.getValue().isEmpty()) {
                        edits.add(added(m, v, lines));
                    }
                }
            }
        }
        // bottom to top, right to left: earlier positions stay valid
        edits.sort(java.util.Comparator.comparingInt(Edit::line).thenComparingInt(Edit::from).reversed());
        List<String> out = new ArrayList<>(List.of(lines));
        for (Edit e : edits) {
            if (e.from() < 0) { // a new line after e.line
                out.add(e.line() + 1, e.text());
                continue;
            }
            String l = out.get(e.line());
            String rest = l.substring(e.to());
            out.set(e.line(), l.substring(0, e.from()) + e.text()
                    + (e.comment() && !rest.contains("#") ? rest + COMMENT : rest));
        }
        return String.join("\n", out);
    }

    /** The edit adding {@code SpotPrice: v} to a compute resource that has no such key. */
    private static Edit added(MappingNode m, String v, String[] lines) {
        if (m.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
            int line = m.getEndMark().getLine();
            int close = m.getEndMark().getColumn() - 1; // the closing brace
            return new Edit(line, close, close, ", SpotPrice: " + v, false);
        }
        int indent = m.getValue().get(0).getKeyNode().getStartMark().getColumn();
        int last = lastLine(m);
        return new Edit(last, -1, -1, " ".repeat(indent) + "SpotPrice: " + v + COMMENT, false);
    }

    /** The last line holding content of {@code n} (scalar end marks are exact; block end marks run on). */
    private static int lastLine(Node n) {
        if (n instanceof ScalarNode s) {
            int end = s.getEndMark().getLine();
            return s.getEndMark().getColumn() == 0 && end > s.getStartMark().getLine() ? end - 1 : end;
        }
        int max = n.getStartMark().getLine();
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                max = Math.max(max, Math.max(lastLine(t.getKeyNode()), lastLine(t.getValueNode())));
            }
        } else if (n instanceof SequenceNode q) {
            for (Node c : q.getValue()) {
                max = Math.max(max, lastLine(c));
            }
        }
        return max;
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
