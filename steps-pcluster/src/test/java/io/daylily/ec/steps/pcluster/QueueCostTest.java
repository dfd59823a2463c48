package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #20: the spot queues' cost at full scale and the hours the cluster budget buys of it. */
class QueueCostTest {
    static final String YAML = """
            Scheduling:
              SlurmQueues:
                - Name: i8
                  ComputeResources:
                    - Name: a
                      Instances:
                        - InstanceType: r7i.2xlarge
                      MaxCount: 3
                    - Name: b
                      Instances:
                        - InstanceType: r6i.2xlarge
                      MaxCount: 2
                - Name: od
                  CapacityType: ONDEMAND
                  ComputeResources:
                    - Name: c
                      Instances:
                        - InstanceType: m7i.large
                      MaxCount: 10
                - Name: spotx
                  CapacityType: SPOT
                  ComputeResources:
                    - Name: d
                      Instances:
                        - InstanceType: c7i.large
                      MaxCount: ${NOT_A_NUMBER}
            """;

    @Test
    void eachSpotQueueCostsItsMaxCountsTimesItsPriceAndOnDemandQueuesNothing() {
        List<QueueCost> q = QueueCost.of(YAML, Map.of("i8", new BigDecimal("4.3086"), "od", new BigDecimal("9"),
                "spotx", new BigDecimal("1")));
        assertEquals(List.of("i8", "od", "spotx"), q.stream().map(QueueCost::queue).toList());
        assertEquals(5, q.get(0).maxCount(), "3 + 2");
        assertEquals(List.of("r7i.2xlarge", "r6i.2xlarge"), q.get(0).types());
        assertEquals(new BigDecimal("21.5430"), q.get(0).maxHourly());
        assertFalse(q.get(1).spot());
        assertNull(q.get(1).price(), "an on-demand queue has no spot price");
        assertEquals(BigDecimal.ZERO, q.get(1).maxHourly());
        assertTrue(q.get(2).spot());
        assertEquals(0, q.get(2).maxCount(), "a MaxCount that is not a whole number counts 0");
        assertEquals(0, q.get(2).maxHourly().signum());
    }

    @Test
    void theBudgetHoursAreRoundedDownAndUnknownWhenEitherSideIsNotPositive() {
        List<QueueCost> q = QueueCost.of(YAML, Map.of("i8", new BigDecimal("4")));
        Map<String, Object> s = QueueCost.summary(q, "200");
        assertEquals("20", s.get("max_hourly_usd"));
        assertEquals("10.0", s.get("budget_hours"), "200 / 20");
        assertEquals("9.9", QueueCost.summary(q, "199.99").get("budget_hours"), "9.9995 rounds down");
        assertEquals("0.0", QueueCost.summary(q, "0.01").get("budget_hours"));
        assertNull(QueueCost.summary(q, "0").get("budget_hours"), "no budget: nothing covered");
        assertNull(QueueCost.summary(q, "lots").get("budget_hours"));
        assertNull(QueueCost.summary(q, "lots").get("budget_usd"));
        assertNull(QueueCost.summary(QueueCost.of(YAML, Map.of()), "200").get("budget_hours"), "no priced queue: no hours");
        assertEquals(QueueCost.NOT_INCLUDED, s.get("not_included"));
    }

    @Test
    void theLineNamesTheCostTheHoursAndWhatIsLeftOut() {
        Map<String, Object> s = QueueCost.summary(QueueCost.of(YAML, Map.of("i8", new BigDecimal("4"))), "200");
        assertEquals("Spot queues at full scale: at most $20/hour; the cluster budget ($200) covers 10.0 hours of that"
                + " (not included: head node (on demand), FSx for Lustre, EBS volumes, data transfer)", QueueCost.line(s));
        assertEquals("Spot queues at full scale: at most $20/hour (not included: head node (on demand), FSx for Lustre,"
                + " EBS volumes, data transfer)", QueueCost.line(QueueCost.summary(QueueCost.of(YAML, Map.of("i8", new BigDecimal("4"))), "")));
    }

    @Test
    void aDocumentWithoutQueuesHasNoQueues() {
        assertEquals(List.of(), QueueCost.of("Region: x\n", Map.of()));
        assertEquals(List.of(), QueueCost.of("- a\n", Map.of()));
    }
}
