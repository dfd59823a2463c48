package io.daylily.ec.steps.pcluster;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the queues of a rendered cluster configuration cost at full scale (issue #20), from the prices
 * the run already has: each spot queue's maximum hourly cost is the sum of its compute resources'
 * {@code MaxCount} times the queue's price (the {@code SpotPrice} the create sets: the most an instance
 * may cost per hour); the total is what the cluster budget is divided by. Not included: the head node
 * (on demand), FSx for Lustre, EBS, data transfer — nothing here is priced from a price list.
 *
 * @param queue    the queue's name
 * @param types    its instance types, in file order
 * @param maxCount the sum of its compute resources' {@code MaxCount} (0 when none is a whole number)
 * @param spot     whether its capacity is spot ({@code CapacityType} absent or {@code SPOT})
 * @param price    the queue's spot price per instance-hour (null for an on-demand queue or one without types)
 */
public record QueueCost(String queue, List<String> types, int maxCount, boolean spot, BigDecimal price) {
    /** What the cost leaves out, said wherever it is shown. */
    public static final List<String> NOT_INCLUDED = List.of("head node (on demand)", "FSx for Lustre", "EBS volumes", "data transfer");

    public QueueCost {
        types = List.copyOf(types);
    }

    /** The most this queue costs per hour with every instance up, or zero when it is not a priced spot queue. */
    public BigDecimal maxHourly() {
        return spot && price != null ? price.multiply(BigDecimal.valueOf(maxCount)) : BigDecimal.ZERO;
    }

    /** The queues of {@code yaml} in file order, each with its price from {@code priceByQueue}. */
    static List<QueueCost> of(String yaml, Map<String, BigDecimal> priceByQueue) {
        List<QueueCost> out = new ArrayList<>();
        Map<String, List<String>> types = SpotPricer.queueTypes(yaml);
        for (Map<?, ?> queue : SpotPricer.queues(yaml)) {
            String name = String.valueOf(queue.get("Name"));
            int max = 0;
            if (queue.get("ComputeResources") instanceof List<?> crs) {
                for (Object c : crs) {
                    if (c instanceof Map<?, ?> cr && cr.get("MaxCount") instanceof Integer n) {
                        max += n;
                    }
                }
            }
            Object capacity = queue.get("CapacityType");
            boolean spot = capacity == null || "SPOT".equals(String.valueOf(capacity).strip());
            out.add(new QueueCost(name, types.getOrDefault(name, List.of()), max, spot, null).priced(priceByQueue));
        }
        return out;
    }

    /** This queue with its price from {@code priceByQueue} (none for an on-demand queue). */
    QueueCost priced(Map<String, BigDecimal> priceByQueue) {
        return new QueueCost(queue, types, maxCount, spot, spot ? priceByQueue.get(queue) : null);
    }

    /** A dollar amount as the cost is shown: at most 4 decimals, no trailing zeros. */
    static String usd(BigDecimal amount) {
        return amount.setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /**
     * The summary shown in the plan, the preflight report and before the create: {@code max_hourly_usd},
     * {@code budget_usd}, {@code budget_hours} (null when the budget or the hourly cost is not a positive
     * number) and {@code not_included}.
     */
    static Map<String, Object> summary(List<QueueCost> queues, String budgetAmount) {
        BigDecimal hourly = queues.stream().map(QueueCost::maxHourly).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("max_hourly_usd", usd(hourly));
        BigDecimal budget = null;
        try {
            budget = new BigDecimal(budgetAmount.strip());
        } catch (NumberFormatException | NullPointerException e) {
            // shown as unknown below
        }
        d.put("budget_usd", budget == null ? null : budget.stripTrailingZeros().toPlainString());
        d.put("budget_hours", budget == null || budget.signum() <= 0 || hourly.signum() <= 0 ? null
                : budget.divide(hourly, 1, RoundingMode.DOWN).toPlainString());
        d.put("not_included", NOT_INCLUDED);
        return d;
    }

    /** The one line said before the create (and in the plan). */
    static String line(Map<String, Object> summary) {
        Object hours = summary.get("budget_hours");
        return "Spot queues at full scale: at most $" + summary.get("max_hourly_usd") + "/hour"
                + (hours == null ? "" : "; the cluster budget ($" + summary.get("budget_usd") + ") covers " + hours + " hours of that")
                + " (not included: " + String.join(", ", NOT_INCLUDED) + ")";
    }
}
