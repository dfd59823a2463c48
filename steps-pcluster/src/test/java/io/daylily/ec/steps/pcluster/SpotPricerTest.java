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
        assertEquals(d("5.1400"), SpotPricer.queuePrice(List.of(d("1.0"), d("1.0")), SpotPricer.BUMP));
        assertEquals(d("3.0000"), SpotPricer.queuePrice(List.of(d("2.0")), d("1.0")));
        assertEquals(d("6.1400"), SpotPricer.queuePrice(List.of(d("3"), d("1"), d("2")), d("4.14")), "odd: middle of sorted");
        assertEquals(d("6.6400"), SpotPricer.queuePrice(List.of(d("1"), d("2"), d("3"), d("4")), d("4.14")), "even: mean of 2 and 3");
        // rounded once at the end: 0.12345 + 0.00005 = 0.1235 (rounding the median first would give 0.1234 + 0.00005)
        assertEquals(d("0.1235"), SpotPricer.queuePrice(List.of(d("0.12345")), d("0.00005")));
    }

    @Test
    void missingPricesCountAsFallbackAndQueuesWithoutTypesAreLeftAlone() {
        Map<String, BigDecimal> p = SpotPricer.queuePrices(Map.of("q1", List.of("a", "b"), "empty", List.of()),
                Map.of("a", d("1.0")), SpotPricer.BUMP);
        assertEquals(d("7.4150"), p.get("q1"), "median(1.0, 5.55) + 4.14");
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
        String out = SpotPricer.apply(yaml, Map.of("i8", d("5.1400")));
        assertEquals(yaml.replace("      SpotPrice: CALCULATE_MAX_SPOT_PRICE\n        - Name: b",
                        "      SpotPrice: 5.1400 # Calculated using (median spot price).\n        - Name: b")
                .replace("SpotPrice: CALCULATE_MAX_SPOT_PRICE   # keep me", "SpotPrice: 5.1400   # keep me"), out);
        assertTrue(out.contains("- Name: c\n          SpotPrice: CALCULATE_MAX_SPOT_PRICE"), "queue without types untouched");
    }
}
