package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.AwsOperationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/** PARITY §16 / §29.11, DECISIONS #17. */
class SpotPricerTest {
    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void constants() {
        assertEquals(d("4.14"), SpotPricer.BUMP);
        assertEquals(d("5.55"), SpotPricer.FALLBACK);
    }

    @Test
    void medianOddEvenAndRoundingOnce() {
        assertEquals(d("5.14"), SpotPricer.queuePrice(List.of(d("1.0"), d("1.0")), SpotPricer.BUMP), "written as Python writes it");
        assertEquals(d("3.0"), SpotPricer.queuePrice(List.of(d("2.0")), d("1.0")), "a whole number keeps one decimal, as Python's 3.0");
        assertEquals(d("6.14"), SpotPricer.queuePrice(List.of(d("3"), d("1"), d("2")), d("4.14")), "odd: middle of sorted");
        assertEquals(d("6.64"), SpotPricer.queuePrice(List.of(d("1"), d("2"), d("3"), d("4")), d("4.14")), "even: mean of 2 and 3");
        // rounded once at the end: 0.12345 + 0.00005 = 0.1235 (rounding the median first would give 0.1234 + 0.00005)
        assertEquals(d("0.1235"), SpotPricer.queuePrice(List.of(d("0.12345")), d("0.00005")));
    }

    @Test
    void missingPricesCountAsFallbackAndQueuesWithoutTypesAreLeftAlone() {
        Map<String, BigDecimal> p = SpotPricer.queuePrices(Map.of("q1", List.of("a", "b"), "empty", List.of()),
                Map.of("a", d("1.0")), SpotPricer.BUMP);
        assertEquals(d("7.415"), p.get("q1"), "median(1.0, 5.55) + 4.14");
        assertEquals(Set.of("q1"), p.keySet());
    }

    @Test
    void oneRequestForAllTypesEveryPageAndTheLatestPriceWins() {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        Instant now = Instant.parse("2026-02-11T12:00:00Z");
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class))).thenAnswer(inv -> {
            DescribeSpotPriceHistoryRequest r = inv.getArgument(0);
            if (r.nextToken() == null) {
                return DescribeSpotPriceHistoryResponse.builder().spotPriceHistory(
                        SpotPrice.builder().instanceType("r7i.2xlarge").spotPrice("0.30").timestamp(now.minusSeconds(60)).build(),
                        SpotPrice.builder().instanceType("r7i.2xlarge").spotPrice("0.40").timestamp(now).build(),
                        SpotPrice.builder().instanceType("r6i.2xlarge").spotPrice("n/a").timestamp(now).build())
                        .nextToken("page2").build();
            }
            return DescribeSpotPriceHistoryResponse.builder().spotPriceHistory(
                    SpotPrice.builder().instanceType("c6i.metal").spotPrice("2.0").timestamp(now).build()).nextToken("").build();
        });
        Map<String, BigDecimal> prices = SpotPricer.prices(ec2, new TreeSet<>(Set.of("r7i.2xlarge", "r6i.2xlarge", "c6i.metal")),
                "us-west-2b", now);
        assertEquals(Map.of("r7i.2xlarge", d("0.40"), "c6i.metal", d("2.0")), prices, "non-numeric price ignored → fallback later");
        ArgumentCaptor<DescribeSpotPriceHistoryRequest> req = ArgumentCaptor.forClass(DescribeSpotPriceHistoryRequest.class);
        verify(ec2, times(2)).describeSpotPriceHistory(req.capture());
        DescribeSpotPriceHistoryRequest first = req.getAllValues().get(0);
        assertEquals(List.of("c6i.metal", "r6i.2xlarge", "r7i.2xlarge"), first.instanceTypesAsStrings());
        assertEquals(List.of("Linux/UNIX"), first.productDescriptions());
        assertEquals("us-west-2b", first.availabilityZone());
        assertEquals(first.startTime(), first.endTime());
        assertEquals("page2", req.getAllValues().get(1).nextToken());
    }

    @Test
    void apiErrorIsExitTwoNamingThePermission() {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class))).thenThrow(Ec2Exception.builder().message("denied")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedOperation").errorMessage("not authorized").build()).build());
        AwsOperationException e = assertThrows(AwsOperationException.class,
                () -> SpotPricer.prices(ec2, Set.of("a"), "us-west-2b", Instant.EPOCH));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains("ec2:DescribeSpotPriceHistory"));
    }

    @Test
    void everyComputeResourceOfAQueueGetsItsPriceAndTheLayoutIsKept() {
        String yaml = """
                # top comment
                Scheduling:
                  SlurmQueues:
                    - Name: i8   # eight
                      ComputeResources:
                        - Name: a
                          Instances:
                            - InstanceType: r7i.2xlarge
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                        - Name: b
                          Instances:
                            - InstanceType: r6i.2xlarge
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE   # keep me
                    - Name: none
                      ComputeResources:
                        - Name: c
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                """;
        assertEquals(Map.of("i8", List.of("r7i.2xlarge", "r6i.2xlarge"), "none", List.of()), SpotPricer.queueTypes(yaml));
        String out = SpotPricer.apply(yaml, Map.of("i8", d("5.14")));
        assertEquals(yaml.replace("      SpotPrice: CALCULATE_MAX_SPOT_PRICE\n        - Name: b",
                        "      SpotPrice: 5.14 # Calculated using (median spot price).\n        - Name: b")
                .replace("SpotPrice: CALCULATE_MAX_SPOT_PRICE   # keep me", "SpotPrice: 5.14   # keep me"), out);
        assertTrue(out.contains("- Name: c\n          SpotPrice: CALCULATE_MAX_SPOT_PRICE"), "queue without types untouched");
    }

    /** The upstream values for the same inputs (issue #18): Python's statistics.median + 4.14, then round(x, 4). */
    @Test
    void pythonRoundingIsHalfEvenOnTheBinaryValue() {
        assertEquals(d("8.2989"), SpotPricer.queuePrice(List.of(d("4.15895")), SpotPricer.BUMP),
                "4.15895 + 4.14 is 8.2989499… in binary: upstream 8.2989 (half-up on the decimal gave 8.2990)");
        assertEquals(d("8.2989"), SpotPricer.pythonRound4(4.15895 + 4.14));
        assertEquals(d("0.1235"), SpotPricer.pythonRound4(0.12345 + 0.00005));
        assertEquals(d("0.125"), SpotPricer.pythonRound4(0.125), "an exact binary value is kept");
        assertEquals(d("1.0"), SpotPricer.pythonRound4(1.00004), "last value rounded down");
        assertEquals(d("1.0001"), SpotPricer.pythonRound4(1.00006), "first value rounded up");
        assertEquals(d("2.5"), SpotPricer.pythonRound4(2.5));
        assertEquals(d("0.0"), SpotPricer.pythonRound4(0.0));
    }

    /** Template 1: a type listed twice counts twice (upstream median over the listed types). */
    @Test
    void aTypeListedTwiceCountsTwice() {
        String yaml = """
                Scheduling:
                  SlurmQueues:
                    - Name: q
                      CapacityType: SPOT
                      ComputeResources:
                        - Name: a
                          Instances:
                            - InstanceType: m7i.large
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                        - Name: b
                          Instances:
                            - InstanceType: m7i.large
                            - InstanceType: r7i.large
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                """;
        Map<String, List<String>> queues = SpotPricer.queueTypes(yaml);
        assertEquals(List.of("m7i.large", "m7i.large", "r7i.large"), queues.get("q"));
        Map<String, BigDecimal> p = SpotPricer.queuePrices(queues, Map.of("m7i.large", d("1.0"), "r7i.large", d("3.0")), SpotPricer.BUMP);
        assertEquals(d("5.14"), p.get("q"), "median(1.0, 1.0, 3.0) + 4.14 (without the repeat: 6.14)");
        assertEquals(2, SpotPricer.apply(yaml, p).split("SpotPrice: 5.14 # Calculated", -1).length - 1);
    }

    /** Template 2: every compute resource of a spot queue gets the price; an on-demand queue keeps its own. */
    @Test
    void everyResourceOfASpotQueueIsPricedAndAnOnDemandQueueOnlyLosesItsPlaceholders() {
        String yaml = """
                Scheduling:
                  SlurmQueues:
                    - Name: spot
                      ComputeResources:
                        - Name: placeholder
                          Instances:
                            - InstanceType: c7i.large
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                        - Name: fixed
                          Instances:
                            - InstanceType: c7i.large
                          SpotPrice: 0.25   # mine
                        - Name: missing
                          Instances:
                            - InstanceType: c7i.large
                          MaxCount: 4
                        - {Name: flow, Instances: [{InstanceType: c7i.large}]}
                    - Name: od
                      CapacityType: ONDEMAND
                      ComputeResources:
                        - Name: fixed
                          Instances:
                            - InstanceType: c7i.large
                          SpotPrice: 0.25
                        - Name: placeholder
                          Instances:
                            - InstanceType: c7i.large
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                        - Name: missing
                          Instances:
                            - InstanceType: c7i.large
                """;
        Map<String, BigDecimal> p = SpotPricer.queuePrices(SpotPricer.queueTypes(yaml), Map.of("c7i.large", d("0.1")), SpotPricer.BUMP);
        assertEquals(Map.of("spot", d("4.24"), "od", d("4.24")), p);
        String out = SpotPricer.apply(yaml, p);
        assertEquals("""
                Scheduling:
                  SlurmQueues:
                    - Name: spot
                      ComputeResources:
                        - Name: placeholder
                          Instances:
                            - InstanceType: c7i.large
                          SpotPrice: 4.24 # Calculated using (median spot price).
                        - Name: fixed
                          Instances:
                            - InstanceType: c7i.large
                          SpotPrice: 4.24   # mine
                        - Name: missing
                          Instances:
                            - InstanceType: c7i.large
                          MaxCount: 4
                          SpotPrice: 4.24 # Calculated using (median spot price).
                        - {Name: flow, Instances: [{InstanceType: c7i.large}], SpotPrice: 4.24}
                    - Name: od
                      CapacityType: ONDEMAND
                      ComputeResources:
                        - Name: fixed
                          Instances:
                            - InstanceType: c7i.large
                          SpotPrice: 0.25
                        - Name: placeholder
                          Instances:
                            - InstanceType: c7i.large
                          SpotPrice: 4.24 # Calculated using (median spot price).
                        - Name: missing
                          Instances:
                            - InstanceType: c7i.large
                """, out);
        Object doc = new org.yaml.snakeyaml.Yaml().load(out);
        assertTrue(doc.toString().contains("SpotPrice=4.24"), "still YAML: " + doc);
    }

    /** Template 3: the rounding case through a whole queue (an even count: the mean of the middle two). */
    @Test
    void anEvenQueueRoundsAsUpstream() {
        String yaml = """
                Scheduling:
                  SlurmQueues:
                    - Name: q
                      ComputeResources:
                        - Name: a
                          Instances:
                            - InstanceType: x1.large
                            - InstanceType: x2.large
                          SpotPrice: CALCULATE_MAX_SPOT_PRICE
                """;
        Map<String, BigDecimal> p = SpotPricer.queuePrices(SpotPricer.queueTypes(yaml),
                Map.of("x1.large", d("4.1589"), "x2.large", d("4.159")), SpotPricer.BUMP);
        assertEquals(d("8.2989"), p.get("q"), "(4.1589 + 4.159) / 2 + 4.14 = 8.29895 in decimal, 8.2989499… in binary");
        assertTrue(SpotPricer.apply(yaml, p).contains("SpotPrice: 8.2989 # Calculated"));
    }

    /** A SpotPrice line added to a resource is placed after its last line, whatever that last value is. */
    @Test
    void anAddedSpotPriceFollowsTheResourcesLastLine() {
        String yaml = """
                Scheduling:
                  SlurmQueues:
                    - Name: q
                      ComputeResources:
                        - Name: list-last
                          Instances:
                            - InstanceType: c7i.large
                            - InstanceType: c7i.xlarge
                        - Name: block-last
                          Instances: [{InstanceType: c7i.large}]
                          Note: |
                            two
                            lines
                        - Name: plain
                          Instances: [{InstanceType: c7i.large}]
                """;
        String out = SpotPricer.apply(yaml, Map.of("q", d("4.24")));
        assertEquals("""
                Scheduling:
                  SlurmQueues:
                    - Name: q
                      ComputeResources:
                        - Name: list-last
                          Instances:
                            - InstanceType: c7i.large
                            - InstanceType: c7i.xlarge
                          SpotPrice: 4.24 # Calculated using (median spot price).
                        - Name: block-last
                          Instances: [{InstanceType: c7i.large}]
                          Note: |
                            two
                            lines
                          SpotPrice: 4.24 # Calculated using (median spot price).
                        - Name: plain
                          Instances: [{InstanceType: c7i.large}]
                          SpotPrice: 4.24 # Calculated using (median spot price).
                """, out, "after the last list item, after a block scalar's last line, after the last key");
    }
}
