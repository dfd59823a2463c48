package io.daylily.ec.steps.pcluster;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The spot market of a region for one cluster template (issue #20): for every AZ, each queue's price as a
 * create in that AZ would set it (median of the queue's types + bump, {@link SpotPricer#queuePrices}) and
 * each spot queue's placement score there, AZs ranked best first. An AZ is as good as its worst queue: the
 * ranking is the lowest score among the spot queues (an AZ EC2 did not score counts 0), then the sum of the
 * scores, then the cheapest full-scale hour, then the name.
 */
final class SpotMarket {
    /** One AZ: queue → price, spot queue → score (absent when EC2 gave none), types without a price, full-scale hour. */
    record Zone(String az, Map<String, BigDecimal> prices, Map<String, Integer> scores, int typesWithoutPrice, BigDecimal maxHourly) {
        int lowestScore(Collection<String> spotQueues) {
            return spotQueues.stream().mapToInt(q -> scores.getOrDefault(q, 0)).min().orElse(0);
        }

        int scoreSum() {
            return scores.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private SpotMarket() {
    }

    /**
     * The zones of the region, best first.
     *
     * @param azs         the region's AZ names
     * @param yaml        the rendered cluster configuration (queue types, max counts, capacity types)
     * @param pricesByAz  AZ → instance type → latest spot price
     * @param scoresByQ   spot queue → AZ → score (a queue whose scores were not read is absent)
     * @param bump        added to each queue's median
     */
    static List<Zone> zones(Collection<String> azs, String yaml, Map<String, Map<String, BigDecimal>> pricesByAz,
                            Map<String, Map<String, Integer>> scoresByQ, BigDecimal bump) {
        Map<String, List<String>> queues = SpotPricer.queueTypes(yaml);
        Set<String> types = new TreeSet<>();
        queues.values().forEach(types::addAll);
        List<String> spot = SpotPlacement.spotQueues(yaml).stream().map(SpotPlacement.Queue::name).toList();
        List<QueueCost> unpriced = QueueCost.of(yaml, Map.of()); // the YAML read once, each AZ's prices put in below
        List<Zone> out = new ArrayList<>();
        for (String az : new TreeSet<>(azs)) {
            Map<String, BigDecimal> found = pricesByAz.getOrDefault(az, Map.of());
            Map<String, BigDecimal> prices = SpotPricer.queuePrices(queues, found, bump);
            Map<String, Integer> scores = new LinkedHashMap<>();
            scoresByQ.forEach((q, byAz) -> {
                if (byAz.containsKey(az)) {
                    scores.put(q, byAz.get(az));
                }
            });
            BigDecimal hourly = unpriced.stream().map(q -> q.priced(prices).maxHourly()).reduce(BigDecimal.ZERO, BigDecimal::add);
            out.add(new Zone(az, prices, scores, (int) types.stream().filter(t -> !found.containsKey(t)).count(), hourly));
        }
        out.sort(Comparator.comparingInt((Zone z) -> z.lowestScore(spot)).reversed()
                .thenComparing(Comparator.comparingInt(Zone::scoreSum).reversed())
                .thenComparing(Zone::maxHourly)
                .thenComparing(Zone::az));
        return out;
    }
}
