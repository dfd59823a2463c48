package io.daylily.ec.app;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.daylily.ec.api.Json;
import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.SimulatedRun;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code spot-market --region R} (issue #20) against the simulated AWS: one region-wide, paginated
 * {@code DescribeSpotPriceHistory} (no AZ filter), one {@code GetSpotPlacementScores} per spot queue, each
 * AZ's queue prices as a create there would set them, AZs best first (an AZ is as good as its worst queue),
 * read requests only.
 */
class SpotMarketIT extends SimulatedRun {
    private Path config;

    @BeforeEach
    void market() throws Exception {
        Path template = dir.resolve("market.yaml");
        Files.writeString(template, """
                Region: ${REGSUB_REGION}
                HeadNode:
                  InstanceType: ${REGSUB_HEADNODE_INSTANCE_TYPE}
                Scheduling:
                  SlurmQueues:
                    - Name: i8
                      CapacityType: SPOT
                      ComputeResources:
                        - Name: r7
                          Instances:
                            - InstanceType: r7i.2xlarge
                          MaxCount: ${REGSUB_MAX_COUNT_8I}
                        - Name: r6
                          Instances:
                            - InstanceType: r6i.2xlarge
                          MaxCount: ${REGSUB_MAX_COUNT_8I}
                    - Name: i192
                      ComputeResources:
                        - Name: all
                          Instances:
                            - InstanceType: c7i.48xlarge
                            - InstanceType: r7i.48xlarge
                          MaxCount: ${REGSUB_MAX_COUNT_192I}
                    - Name: od
                      CapacityType: ONDEMAND
                      ComputeResources:
                        - Name: one
                          Instances:
                            - InstanceType: r7i.2xlarge
                          MaxCount: 2
                """);
        config = dir.resolve("market-config.yaml");
        Files.writeString(config, """
                ephemeral_cluster:
                  config:
                    cluster_template_yaml: [USESETVALUE, "", "%s"]
                    max_count_8I: [PROMPTUSER, "2", ""]
                    max_count_128I: [PROMPTUSER, "1", ""]
                    max_count_192I: [USESETVALUE, "1", "3"]
                """.formatted(template));
        aws.healthyAccount();
        aws.query("DescribeSpotPriceHistory", "ec2/DescribeSpotPriceHistory-region-1.xml")
                .queryWhen("DescribeSpotPriceHistory", "NextToken=page-2", "ec2/DescribeSpotPriceHistory-region-2.xml")
                .queryWhen("GetSpotPlacementScores", "InstanceType.1=c7i.48xlarge", "ec2/GetSpotPlacementScores-i192.xml");
    }

    private Workspace.Result run(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(more));
        args.addAll(List.of("spot-market", "--region", "us-west-2", "--config", config.toString()));
        return ws.run(Workspace.jar(), ws.env(aws.endpoint()), args.toArray(new String[0]));
    }

    private List<String> bodies(String action) {
        return aws.server().findAll(postRequestedFor(anyUrl()).withRequestBody(containing("Action=" + action + "&"))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    private static Map<String, Long> counts(List<String> ops) {
        Map<String, Long> m = new TreeMap<>();
        ops.forEach(o -> m.merge(o, 1L, Long::sum));
        return m;
    }

    @Test
    void everyAzIsPricedFromOneRegionWideCallAndRankedByItsWorstQueue() throws Exception {
        Workspace.Result r = run("--json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), aws.server().findAllUnmatchedRequests().stream().map(u -> u.getUrl()).toList());
        assertEquals(List.of(), aws.mutatingOperations(), "read requests only");
        // one price call (two pages), one score call per spot queue (i8, i192; not the on-demand queue), one of each lookup
        assertEquals(Map.of("DescribeAvailabilityZones", 1L, "DescribeInstanceTypes", 1L, "DescribeSpotPriceHistory", 2L,
                "GetSpotPlacementScores", 2L), counts(aws.operations()));
        List<String> prices = bodies("DescribeSpotPriceHistory");
        prices.forEach(b -> assertFalse(b.contains("AvailabilityZone"), "no AZ filter: " + b));
        assertTrue(prices.stream().anyMatch(b -> b.contains("NextToken=page-2")), "the second page is read");
        assertTrue(prices.get(0).contains("InstanceType.1=c7i.48xlarge") && prices.get(0).contains("InstanceType.3=r7i.2xlarge")
                && !prices.get(0).contains("InstanceType.5="), "every type of the template at once: " + prices.get(0));
        List<String> scores = bodies("GetSpotPlacementScores");
        assertTrue(scores.stream().anyMatch(b -> b.contains("InstanceType.1=r6i.2xlarge") && b.contains("TargetCapacity=32")),
                "i8: max count 2 (the effective default) × 8 vCPUs × 2 resources = 32: " + scores);
        assertTrue(scores.stream().anyMatch(b -> b.contains("InstanceType.1=c7i.48xlarge") && b.contains("TargetCapacity=3&")),
                "i192: the set value 3 × 1 (EC2 did not describe these types): " + scores);

        JsonNode m = Json.mapper().readTree(r.stdout()).get("spot_market");
        assertEquals(1, m.get("schema_version").asInt());
        assertEquals("us-west-2", m.get("region").asText());
        assertTrue(m.get("scores_read").asBoolean());
        List<String> order = new ArrayList<>();
        m.get("zones").forEach(z -> order.add(z.get("az").asText()));
        // lowest score over the spot queues: b 8, c 3, a 2 (i192 scores 2 there, i8 9), d 0 (not scored)
        assertEquals(List.of("us-west-2b", "us-west-2c", "us-west-2a", "us-west-2d"), order);
        JsonNode b = m.get("zones").get(0);
        assertEquals(1, b.get("rank").asInt());
        assertEquals("4.3086", b.get("prices").get("i8").asText(), "median(0.1813, 0.1559) + 4.14");
        assertEquals("9.69", b.get("prices").get("i192").asText(), "types without a price count 5.55");
        assertEquals("4.14", m.get("bump_usd").asText());
        assertEquals(8, b.get("scores").get("i8").asInt());
        assertFalse(b.get("scores").has("od"), "an on-demand queue has no placement score");
        assertEquals(8, b.get("lowest_score").asInt());
        assertEquals(2, b.get("types_without_price").asInt());
        // 2 × 2 × 4.3086 (i8) + 3 × 9.69 (i192); the on-demand queue is not a spot cost
        assertEquals("46.3044", b.get("max_hourly_usd").asText());
        JsonNode a = m.get("zones").get(2);
        assertEquals("4.3286", a.get("prices").get("i8").asText(), "the latest price wins: 0.2013 (25th), not 9.99 (24th)");
        assertEquals(2, a.get("lowest_score").asInt());
        JsonNode d = m.get("zones").get(3);
        assertEquals(0, d.get("scores").size());
        assertEquals(4, d.get("types_without_price").asInt());
        assertEquals("4.2486", m.get("zones").get(1).get("prices").get("i8").asText(), "us-west-2c: two pages, one AZ");
        JsonNode q = m.get("queues");
        assertEquals(3, q.size());
        assertEquals("on-demand", q.get(2).get("capacity").asText());
        assertTrue(q.get(2).get("target_vcpus").isNull());
        assertEquals(32, q.get(0).get("target_vcpus").asInt());
    }

    @Test
    void theTableListsTheAzsBestFirstOnStdout() throws Exception {
        Workspace.Result r = run();
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("Spot market in us-west-2 for "), r.stdout());
        assertTrue(lines.get(1).matches("#\\s+AZ\\s+i8\\s+i192\\s+od\\s+full scale \\$/h"), lines.get(1));
        assertTrue(lines.get(2).matches("1\\s+us-west-2b\\s+4\\.3086 \\(8\\)\\s+9\\.69 \\(8\\)\\s+4\\.3213\\s+46\\.3044"), lines.get(2));
        assertTrue(lines.get(5).startsWith("4  us-west-2d"), lines.get(5));
        assertTrue(r.stdout().contains("not included: head node (on demand)"), r.stdout());
    }

    @Test
    void deniedScoresAreSaidAndTheAzsAreRankedByPrice() throws Exception {
        aws.respond("GetSpotPlacementScores", SimulatedAws.ec2Denied());
        Workspace.Result r = run("--json");
        assertEquals(0, r.exitCode(), "prices without scores are still an answer: " + r.stderr());
        JsonNode m = Json.mapper().readTree(r.stdout()).get("spot_market");
        assertFalse(m.get("scores_read").asBoolean());
        assertTrue(m.get("scores_note").asText().contains("UnauthorizedOperation"), m.toString());
        assertTrue(r.stderr().contains("spot placement scores not read"), r.stderr());
        List<String> order = new ArrayList<>();
        m.get("zones").forEach(z -> order.add(z.get("az").asText()));
        assertEquals(List.of("us-west-2c", "us-west-2b", "us-west-2a", "us-west-2d"), order, "cheapest full-scale hour first");
        assertTrue(m.get("zones").get(0).get("lowest_score").isNull());
    }

    @Test
    void aDeniedPriceCallIsAnAwsFailureNamingThePermission() throws Exception {
        aws.respond("DescribeSpotPriceHistory", SimulatedAws.ec2Denied());
        Workspace.Result r = run();
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ec2:DescribeSpotPriceHistory"), r.stderr());
        assertEquals("", r.stdout(), "no table from a failed run");
        assertFalse(r.stderr().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void anAzIsNotARegionAndNothingIsAsked() throws Exception {
        Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "spot-market", "--region", "us-west-2b");
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("us-west-2b"), r.stderr());
        assertEquals(0, aws.requestCount());
    }
}
