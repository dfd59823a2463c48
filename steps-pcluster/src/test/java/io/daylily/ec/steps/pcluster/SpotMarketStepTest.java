package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigEntry;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.config.Triplet;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.RunEvent;
import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresRequest;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresResponse;
import software.amazon.awssdk.services.ec2.model.SpotPlacementScore;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/** Issue #20: {@code pcluster.spot_market} reads the config's template and max counts and prices every AZ of the region. */
class SpotMarketStepTest {
    @TempDir
    Path dir;

    private final Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);

    private static ConfigSnapshot config(String template, Triplet max8) {
        return new ConfigSnapshot("c.yaml", List.of(ConfigEntry.of("cluster_template_yaml", new Triplet(Triplet.USESETVALUE, "", template)),
                ConfigEntry.of("max_count_8I", max8)), List.of());
    }

    private RunContext ctx(String yaml) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), yaml);
        return RunContext.empty("20261202120000").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.CONFIG, config("t.yaml", new Triplet(Triplet.PROMPTUSER, "2", "")));
    }

    private static Ec2Exception error(int status, String code) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("no").build()).build();
    }

    private void market() {
        when(ec2.describeAvailabilityZones(any(DescribeAvailabilityZonesRequest.class))).thenReturn(DescribeAvailabilityZonesResponse.builder()
                .availabilityZones(AvailabilityZone.builder().zoneName("us-west-2a").zoneId("usw2-az2").build(),
                        AvailabilityZone.builder().zoneName("us-west-2b").zoneId("usw2-az1").build()).build());
        when(ec2.describeInstanceTypes(any(DescribeInstanceTypesRequest.class))).thenReturn(DescribeInstanceTypesResponse.builder().build());
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class))).thenReturn(DescribeSpotPriceHistoryResponse.builder()
                .spotPriceHistory(price("r7i.2xlarge", "0.5", "us-west-2a"), price("r7i.2xlarge", "0.25", "us-west-2b"),
                        price("r7i.2xlarge", "7", null)).build());
        when(ec2.getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class))).thenReturn(GetSpotPlacementScoresResponse.builder()
                .spotPlacementScores(SpotPlacementScore.builder().availabilityZoneId("usw2-az2").score(9).build(),
                        SpotPlacementScore.builder().availabilityZoneId("usw2-az1").score(2).build()).build());
    }

    private static SpotPrice price(String type, String usd, String az) {
        return SpotPrice.builder().instanceType(type).spotPrice(usd).availabilityZone(az).timestamp(Instant.parse("2026-12-01T00:00:00Z")).build();
    }

    private TestServices services() {
        return TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2).build();
    }

    @Test
    void itIsTheSpotMarketPipelineOnlyAndReadOnly() {
        SpotMarketStep p = new SpotMarketStep();
        assertEquals("pcluster.spot_market", p.id());
        assertEquals(Set.of(Pipelines.SPOT_MARKET), p.pipelines());
        assertEquals(io.daylily.ec.api.Order.PREFLIGHT + 96, p.order(), "after config.load, like the read-only checks");
        assertFalse(p.description().isBlank());
        assertFalse(p.mutatesAws());
        assertTrue(Pipelines.readOnly(Pipelines.SPOT_MARKET) && Pipelines.readOnly(Pipelines.PLAN) && !Pipelines.readOnly(Pipelines.CREATE));
    }

    @Test
    void theValuesAreTheSetValueElseTheEffectiveDefaultElseTheCatalogues() {
        ConfigValues v = SpotMarketStep.values(config("mine.yaml", new Triplet(Triplet.PROMPTUSER, "5", "7")), Map.of());
        assertEquals("mine.yaml", v.getOrEmpty(ConfigKeys.CLUSTER_TEMPLATE_YAML));
        assertEquals("7", v.getOrEmpty(ConfigKeys.MAX_COUNT_8I), "a set value applies (auto-select)");
        assertEquals(ConfigKeys.MAX_COUNT_128I.defaultValue(), v.getOrEmpty(ConfigKeys.MAX_COUNT_128I), "absent: the catalogue's default");
        ConfigValues off = SpotMarketStep.values(config("mine.yaml", new Triplet(Triplet.PROMPTUSER, "5", "7")),
                Map.of("DAY_DISABLE_AUTO_SELECT", "1"));
        assertEquals("5", off.getOrEmpty(ConfigKeys.MAX_COUNT_8I), "auto-select off: the default, as the preflight reads it");
        assertEquals(ConfigKeys.CLUSTER_TEMPLATE_YAML.defaultValue(), off.getOrEmpty(ConfigKeys.CLUSTER_TEMPLATE_YAML));
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneRegionWidePriceCallAndOneScoreCallPerSpotQueue() throws Exception {
        market();
        TestServices s = services();
        RunContext out = new SpotMarketStep().run(ctx(SpotMarketTest.YAML.replace("t.one", "r7i.2xlarge")), s);
        ArgumentCaptor<DescribeSpotPriceHistoryRequest> req = ArgumentCaptor.forClass(DescribeSpotPriceHistoryRequest.class);
        verify(ec2, times(1)).describeSpotPriceHistory(req.capture());
        assertNull(req.getValue().availabilityZone(), "every AZ at once");
        assertEquals(List.of("r7i.2xlarge", "t.three", "t.two"), req.getValue().instanceTypesAsStrings());
        verify(ec2, times(2)).getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class));
        verify(ec2, times(1)).describeInstanceTypes(any(DescribeInstanceTypesRequest.class));
        Map<String, Object> doc = out.require(ContextKeys.SPOT_MARKET);
        assertEquals(1, doc.get("schema_version"));
        assertEquals(true, doc.get("scores_read"));
        List<Map<String, Object>> zones = (List<Map<String, Object>>) doc.get("zones");
        assertEquals(List.of("us-west-2a", "us-west-2b"), zones.stream().map(z -> z.get("az")).toList(), "9 for both queues beats 2");
        assertEquals(List.of(1, 2), zones.stream().map(z -> z.get("rank")).toList());
        assertEquals(Map.of("a", "7.165", "b", "9.69", "od", "4.64"), zones.get(0).get("prices"),
                "a: median(0.5, 5.55 for t.two) + 4.14; b: 5.55 + 4.14; od: 0.5 + 4.14; the row without an AZ is not one of them");
        assertEquals(Map.of("a", "7.04", "b", "9.69", "od", "4.39"), zones.get(1).get("prices"));
        assertEquals(9, zones.get(0).get("lowest_score"));
        assertEquals(2, zones.get(1).get("types_without_price"));
        assertEquals("60.255", zones.get(0).get("max_hourly_usd"), "3 × 7.165 + 4 × 9.69");
        List<Map<String, Object>> queues = (List<Map<String, Object>>) doc.get("queues");
        assertEquals(List.of("a", "b", "od"), queues.stream().map(q -> q.get("name")).toList());
        assertEquals(3, queues.get(0).get("target_vcpus"), "2 + 1 instances, 1 vCPU each (not described)");
        assertNull(queues.get(2).get("target_vcpus"));
        CheckResult c = s.events().checks().get(0);
        assertEquals(CheckStatus.PASS, c.status());
        assertEquals("us-west-2a", c.details().get("best_az"));
        assertEquals(2, c.details().get("azs"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void deniedScoresAreAWarningAndThePricesStillCome() throws Exception {
        market();
        when(ec2.getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class))).thenThrow(error(403, "UnauthorizedOperation"));
        TestServices s = services();
        RunContext out = new SpotMarketStep().run(ctx(SpotMarketTest.YAML.replace("t.one", "r7i.2xlarge")), s);
        Map<String, Object> doc = out.require(ContextKeys.SPOT_MARKET);
        assertEquals(false, doc.get("scores_read"));
        assertTrue(String.valueOf(doc.get("scores_note")).contains("UnauthorizedOperation"), doc.toString());
        List<Map<String, Object>> zones = (List<Map<String, Object>>) doc.get("zones");
        assertEquals("us-west-2b", zones.get(0).get("az"), "by price alone: 2b is cheaper");
        assertNull(zones.get(0).get("lowest_score"));
        assertEquals(Map.of(), zones.get(0).get("scores"));
        assertNull(((List<Map<String, Object>>) doc.get("queues")).get(0).get("target_vcpus"), "no target is claimed without the score");
        assertTrue(s.events().events().stream().map(RunEvent::toString).anyMatch(e -> e.contains("spot placement scores not read")),
                s.events().events().toString());
    }

    @Test
    void aDeniedPriceCallOrAzListingIsAnAwsFailureNamingIt() throws Exception {
        market();
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class))).thenThrow(error(403, "UnauthorizedOperation"));
        RunContext in = ctx(SpotMarketTest.YAML);
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new SpotMarketStep().run(in, services()));
        assertTrue(e.getMessage().contains("ec2:DescribeSpotPriceHistory in every AZ of the region"), e.getMessage());

        when(ec2.describeAvailabilityZones(any(DescribeAvailabilityZonesRequest.class))).thenThrow(error(503, "Unavailable"));
        AwsOperationException z = assertThrows(AwsOperationException.class, () -> new SpotMarketStep().run(in, services()));
        assertTrue(z.getMessage().contains("ec2:DescribeAvailabilityZones"), z.getMessage());
    }

    @Test
    void aTemplateWithoutTypesOrThatCannotBeReadIsAFailNamingTheKey() throws Exception {
        TestServices s = services();
        RunContext none = ctx("Scheduling:\n  SlurmQueues: []\n");
        assertEquals(none, new SpotMarketStep().run(none, s));
        CheckResult c = s.events().checks().get(0);
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("lists an instance type") && c.remediation().contains("fix cluster_template_yaml"), c.remediation());

        TestServices s2 = services();
        RunContext missing = ctx(SpotMarketTest.YAML).with(ContextKeys.CONFIG, config("nowhere.yaml", Triplet.ABSENT));
        assertEquals(missing, new SpotMarketStep().run(missing, s2), "nothing added after a FAIL");
        assertEquals(CheckStatus.FAIL, s2.events().checks().get(0).status());
        assertTrue(s2.events().checks().get(0).remediation().contains("Template not found: nowhere.yaml"),
                s2.events().checks().get(0).remediation());

        TestServices s3 = services();
        new SpotMarketStep().run(ctx("Scheduling: [unclosed\n"), s3);
        assertEquals(CheckStatus.FAIL, s3.events().checks().get(0).status(), "not YAML");
        verify(ec2, never()).describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTemplateWithoutSpotQueuesIsPricedAndNotScored() throws Exception {
        market();
        TestServices s = services();
        String onDemandOnly = "Scheduling:\n  SlurmQueues:\n    - Name: od\n      CapacityType: ONDEMAND\n      ComputeResources:\n"
                + "        - Name: w\n          Instances:\n            - InstanceType: r7i.2xlarge\n          MaxCount: 10\n";
        Map<String, Object> doc = new SpotMarketStep().run(ctx(onDemandOnly), s).require(ContextKeys.SPOT_MARKET);
        assertEquals(false, doc.get("scores_read"));
        assertTrue(String.valueOf(doc.get("scores_note")).startsWith("no spot queue"), doc.toString());
        verify(ec2, never()).getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class));
        verify(ec2, never()).describeInstanceTypes(any(DescribeInstanceTypesRequest.class));
        List<Map<String, Object>> zones = (List<Map<String, Object>>) doc.get("zones");
        assertEquals(List.of("us-west-2a", "us-west-2b"), zones.stream().map(z -> z.get("az")).toList(), "no spot cost, no score: by name");
        assertEquals(Map.of("od", "4.39"), zones.get(1).get("prices"), "still priced as the create would set it");
        assertEquals("0", zones.get(0).get("max_hourly_usd"), "an on-demand queue is no spot cost");
        assertNull(zones.get(0).get("lowest_score"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void withTheLookupsInTheBackgroundTheVcpusSetTheTargetAndAQueueWithoutTypesIsNotListed() throws Exception {
        market();
        when(ec2.describeInstanceTypes(any(DescribeInstanceTypesRequest.class))).thenReturn(DescribeInstanceTypesResponse.builder()
                .instanceTypes(software.amazon.awssdk.services.ec2.model.InstanceTypeInfo.builder().instanceType("r7i.2xlarge")
                        .vCpuInfo(software.amazon.awssdk.services.ec2.model.VCpuInfo.builder().defaultVCpus(8).build()).build()).build());
        TestServices s = TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2)
                .lookups(io.daylily.ec.support.lookup.SharedLookups::forEnv).build();
        String yaml = SpotMarketTest.YAML.replace("t.one", "r7i.2xlarge") + "    - Name: empty\n      ComputeResources: []\n";
        Map<String, Object> doc = new SpotMarketStep().run(ctx(yaml), s).require(ContextKeys.SPOT_MARKET);
        List<Map<String, Object>> queues = (List<Map<String, Object>>) doc.get("queues");
        assertEquals(List.of("a", "b", "od"), queues.stream().map(q -> q.get("name")).toList(), "a queue without types is not priced");
        assertEquals(17, queues.get(0).get("target_vcpus"), "2 × 8 (r7i.2xlarge) + 1 × 1 (t.two, not described)");
        assertEquals(true, doc.get("scores_read"));
        List<Map<String, Object>> zones = (List<Map<String, Object>>) doc.get("zones");
        assertEquals(Map.of("a", 9, "b", 9), zones.get(0).get("scores"));
        verify(ec2, times(1)).describeAvailabilityZones(any(DescribeAvailabilityZonesRequest.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScoreCallThatFailsAfterAnotherSucceededLeavesNoScoreBehind() throws Exception {
        market();
        when(ec2.getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class))).thenReturn(GetSpotPlacementScoresResponse.builder()
                .spotPlacementScores(SpotPlacementScore.builder().availabilityZoneId("usw2-az1").score(9).build()).build())
                .thenThrow(error(503, "Unavailable"));
        Map<String, Object> doc = new SpotMarketStep().run(ctx(SpotMarketTest.YAML), services()).require(ContextKeys.SPOT_MARKET);
        assertEquals(false, doc.get("scores_read"));
        List<Map<String, Object>> zones = (List<Map<String, Object>>) doc.get("zones");
        zones.forEach(z -> assertEquals(Map.of(), z.get("scores"), "half the queues scored would rank AZs on half the facts"));
    }
}
