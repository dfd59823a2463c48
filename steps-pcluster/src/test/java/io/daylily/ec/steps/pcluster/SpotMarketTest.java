package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #20: how {@code spot-market} prices each AZ and ranks them (an AZ is as good as its worst spot queue). */
class SpotMarketTest {
    /** Two spot queues (a: 2 + 1 instances of two types; b: 4 of one type) and an on-demand one. */
    static final String YAML = """
            Scheduling:
              SlurmQueues:
                - Name: a
                  ComputeResources:
                    - Name: x
                      Instances:
                        - InstanceType: t.one
                      MaxCount: 2
                    - Name: y
                      Instances:
                        - InstanceType: t.two
                      MaxCount: 1
                - Name: b
                  CapacityType: SPOT
                  ComputeResources:
                    - Name: z
                      Instances:
                        - InstanceType: t.three
                      MaxCount: 4
                - Name: od
                  CapacityType: ONDEMAND
                  ComputeResources:
                    - Name: w
                      Instances:
                        - InstanceType: t.one
                      MaxCount: 10
            """;

    private static final BigDecimal BUMP = new BigDecimal("1");
    private static final Map<String, Map<String, BigDecimal>> FLAT = Map.of(
            "z-1", Map.of("t.one", new BigDecimal("1"), "t.two", new BigDecimal("3"), "t.three", new BigDecimal("2")),
            "z-2", Map.of("t.one", new BigDecimal("1"), "t.two", new BigDecimal("3"), "t.three", new BigDecimal("2")));

    private static List<String> order(Map<String, Map<String, Integer>> scores, Map<String, Map<String, BigDecimal>> prices, String... azs) {
        return SpotMarket.zones(List.of(azs), YAML, prices, scores, BUMP).stream().map(SpotMarket.Zone::az).toList();
    }

    @Test
    void theWorstQueueDecidesNotTheBestOne() {
        // z-1: a 9, b 2 (worst 2, sum 11); z-2: a 3, b 3 (worst 3, sum 6)
        assertEquals(List.of("z-2", "z-1"), order(Map.of("a", Map.of("z-1", 9, "z-2", 3), "b", Map.of("z-1", 2, "z-2", 3)), FLAT,
                "z-1", "z-2"));
    }

    @Test
    void aQueueEc2DidNotScoreInAnAzCountsZeroThere() {
        // z-1: b not scored (worst 0); z-2: a 1, b 1 (worst 1)
        assertEquals(List.of("z-2", "z-1"), order(Map.of("a", Map.of("z-1", 10, "z-2", 1), "b", Map.of("z-2", 1)), FLAT, "z-1", "z-2"));
    }

    @Test
    void anEqualWorstScoreIsDecidedByTheSumThenByTheCheaperHourThenByName() {
        assertEquals(List.of("z-2", "z-1"), order(Map.of("a", Map.of("z-1", 4, "z-2", 5), "b", Map.of("z-1", 4, "z-2", 4)), FLAT,
                "z-1", "z-2"), "sum 9 beats 8");
        Map<String, Map<String, BigDecimal>> cheaperOne = Map.of(
                "z-1", Map.of("t.one", new BigDecimal("1"), "t.two", new BigDecimal("3"), "t.three", new BigDecimal("1.99")),
                "z-2", FLAT.get("z-2"));
        assertEquals(List.of("z-1", "z-2"), order(Map.of("a", Map.of("z-1", 4, "z-2", 4), "b", Map.of("z-1", 4, "z-2", 4)), cheaperOne,
                "z-2", "z-1"), "the same scores: the cheaper full-scale hour first, by a cent");
        assertEquals(List.of("z-1", "z-2"), order(Map.of(), FLAT, "z-2", "z-1"), "everything equal: by name");
    }

    @Test
    void eachAzIsPricedAsACreateThereWouldSetItAndTheOnDemandQueueIsNoSpotCost() {
        List<SpotMarket.Zone> zones = SpotMarket.zones(List.of("z-1", "z-3"), YAML, FLAT, Map.of("a", Map.of("z-1", 7)), BUMP);
        SpotMarket.Zone z1 = zones.get(0);
        assertEquals("z-1", z1.az());
        assertEquals(Map.of("a", new BigDecimal("3.0"), "b", new BigDecimal("3.0"), "od", new BigDecimal("2.0")), z1.prices(),
                "a: median(1, 3) + 1; b: 2 + 1; od: 1 + 1");
        assertEquals(Map.of("a", 7), z1.scores());
        assertEquals(0, z1.typesWithoutPrice());
        assertEquals(0, new BigDecimal("21.0").compareTo(z1.maxHourly()), "3 × 3.0 (a) + 4 × 3.0 (b); od is on demand: " + z1.maxHourly());
        SpotMarket.Zone z3 = zones.get(1);
        assertEquals(3, z3.typesWithoutPrice(), "no price in z-3: every type counts 5.55");
        assertEquals(new BigDecimal("6.55"), z3.prices().get("a"));
        assertEquals(Map.of(), z3.scores());
    }
}
