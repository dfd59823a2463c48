package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresRequest;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.SpotPlacementScore;
import software.amazon.awssdk.services.ec2.model.TargetCapacityUnitType;
import software.amazon.awssdk.services.ec2.model.VCpuInfo;

/** Issue #20: the spot placement score of each spot queue in the chosen AZ, before anything is created. */
class SpotPlacementStepTest {
    @TempDir
    Path dir;

    private final Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);

    static final String TEMPLATE = """
            Region: ${REGSUB_REGION}
            HeadNode:
              InstanceType: ${REGSUB_HEADNODE_INSTANCE_TYPE}
            Scheduling:
              SlurmQueues:
                - Name: i8
                  ComputeResources:
                    - Name: a
                      Instances:
                        - InstanceType: r7i.2xlarge
                        - InstanceType: r7i.8xlarge
                      MaxCount: 3
                    - Name: b
                      Instances:
                        - InstanceType: unknown.type
                      MaxCount: 2
                - Name: od
                  CapacityType: ONDEMAND
                  ComputeResources:
                    - Name: c
                      Instances:
                        - InstanceType: m7i.large
                      MaxCount: 10
            """;

    private RunContext ctx() throws Exception {
        Files.writeString(dir.resolve("t.yaml"), TEMPLATE);
        when(ec2.describeInstanceTypes(any(DescribeInstanceTypesRequest.class))).thenReturn(DescribeInstanceTypesResponse.builder()
                .instanceTypes(InstanceTypeInfo.builder().instanceType("r7i.2xlarge").vCpuInfo(VCpuInfo.builder().defaultVCpus(8).build()).build(),
                        InstanceTypeInfo.builder().instanceType("r7i.8xlarge").vCpuInfo(VCpuInfo.builder().defaultVCpus(32).build()).build())
                .build());
        when(ec2.describeAvailabilityZones(any(DescribeAvailabilityZonesRequest.class))).thenReturn(DescribeAvailabilityZonesResponse.builder()
                .availabilityZones(AvailabilityZone.builder().zoneName("us-west-2a").zoneId("usw2-az2").build(),
                        AvailabilityZone.builder().zoneName("us-west-2b").zoneId("usw2-az1").build(),
                        AvailabilityZone.builder().zoneName("us-west-2c").zoneId("usw2-az3").build()).build());
        return RenderAndSpotPriceStepTest.ctx(RenderAndSpotPriceStepTest.values().with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "t.yaml"));
    }

    private void scores(int here) {
        when(ec2.getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class))).thenReturn(GetSpotPlacementScoresResponse.builder()
                .spotPlacementScores(SpotPlacementScore.builder().availabilityZoneId("usw2-az1").score(here).build(),
                        SpotPlacementScore.builder().availabilityZoneId("usw2-az2").score(9).build(),
                        SpotPlacementScore.builder().availabilityZoneId("usw2-az3").score(here).build(),
                        SpotPlacementScore.builder().availabilityZoneId("usw2-az9").score(1).build()).build());
    }

    private CheckResult run() throws Exception {
        TestServices s = TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2).build();
        RunContext in = ctx();
        assertEquals(in, new SpotPlacementStep().run(in, s), "it only reports");
        assertEquals(1, s.events().checks().size(), "one check per spot queue; the on-demand queue has none: " + s.events().checks());
        return s.events().checks().get(0);
    }

    @Test
    void itsPlaceIsTheReadOnlyPhaseOfCreateAndPreflight() {
        SpotPlacementStep p = new SpotPlacementStep();
        assertEquals(Order.PREFLIGHT + 95, p.order());
        assertTrue(p.order() < Order.INFRA);
        assertEquals(Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT), p.pipelines());
        assertFalse(p.mutatesAws());
        assertEquals("pcluster.spot_placement.gpu_a", SpotPlacementStep.checkId("gpu-a"));
    }

    @Test
    void fourOfTenPassesAndOneRequestCarriesTheQueuesTypesAndVcpus() throws Exception {
        scores(4);
        CheckResult c = run();
        assertEquals("pcluster.spot_placement.i8", c.id());
        assertEquals(CheckStatus.PASS, c.status(), c.toString());
        assertEquals(4, c.details().get("score"));
        assertEquals(26, c.details().get("target_vcpus"), "3 × 8 (the fewer vCPUs of the resource's two types) + 2 × 1 (unknown type)");
        assertEquals(List.of("us-west-2a (9)", "us-west-2b (4)", "us-west-2c (4)"), c.details().get("best_azs"), "best first, then by name");
        ArgumentCaptor<GetSpotPlacementScoresRequest> req = ArgumentCaptor.forClass(GetSpotPlacementScoresRequest.class);
        verify(ec2, times(1)).getSpotPlacementScores(req.capture());
        assertEquals(List.of("r7i.2xlarge", "r7i.8xlarge", "unknown.type"), req.getValue().instanceTypes());
        assertEquals(26, req.getValue().targetCapacity());
        assertEquals(TargetCapacityUnitType.VCPU, req.getValue().targetCapacityUnitType());
        assertTrue(req.getValue().singleAvailabilityZone());
        assertEquals(List.of("us-west-2"), req.getValue().regionNames());
    }

    @Test
    void threeOfTenIsAWarningNamingTheBestAzs() throws Exception {
        scores(3);
        CheckResult c = run();
        assertEquals(CheckStatus.WARN, c.status());
        assertTrue(c.remediation().startsWith("spot placement score of queue i8 in us-west-2b is 3 of 10 for 26 vCPUs of r7i.2xlarge,"
                + " r7i.8xlarge, unknown.type"), c.remediation());
        assertTrue(c.remediation().endsWith("AZs that score best: us-west-2a (9), us-west-2b (3), us-west-2c (3)"), c.remediation());
    }

    @Test
    void anAzEc2DidNotScoreIsAWarningToo() throws Exception {
        when(ec2.getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class))).thenReturn(GetSpotPlacementScoresResponse.builder()
                .spotPlacementScores(SpotPlacementScore.builder().availabilityZoneId("usw2-az2").score(9).build()).build());
        CheckResult c = run();
        assertEquals(CheckStatus.WARN, c.status());
        assertTrue(c.remediation().contains("is not given (EC2 scored other AZs only)"), c.remediation());
        assertEquals(0, c.details().get("score"));
    }

    @Test
    void aDeniedCallIsAWarningSayingSoNeverAFailure() throws Exception {
        when(ec2.getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class))).thenThrow(Ec2Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedOperation").errorMessage("not allowed").build()).build());
        CheckResult c = run();
        assertEquals(CheckStatus.WARN, c.status());
        assertTrue(c.remediation().contains("UnauthorizedOperation") && c.remediation().contains("ec2:GetSpotPlacementScores"),
                c.remediation());
    }

    @Test
    void anAzListingThatFailsIsOneWarningAndNoScoreIsAsked() throws Exception {
        TestServices s = TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2).build();
        RunContext in = ctx();
        when(ec2.describeAvailabilityZones(any(DescribeAvailabilityZonesRequest.class))).thenThrow(Ec2Exception.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Unavailable").errorMessage("down").build()).build());
        new SpotPlacementStep().run(in, s);
        assertEquals(List.of("pcluster.spot_placement WARN"), s.events().checks().stream().map(c -> c.id() + " " + c.status()).toList());
        verify(ec2, never()).getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class));
    }

    @Test
    void aTemplateThatCannotBeRenderedIsLeftToTheTemplateCheck() throws Exception {
        RunContext in = ctx();
        Files.writeString(dir.resolve("t.yaml"), "Region: ${REGSUB_UNKNOWN_TOKEN}\n");
        TestServices s = TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2).build();
        assertEquals(in, new SpotPlacementStep().run(in, s));
        assertEquals(List.of(), s.events().checks());
    }

    @Test
    void everyQueuesScoreCallIsInFlightAtOnce() throws Exception {
        ctx();
        Files.writeString(dir.resolve("t.yaml"), SpotMarketTest.YAML);
        java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
        when(ec2.getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class))).thenAnswer(inv -> {
            both.await(10, java.util.concurrent.TimeUnit.SECONDS); // one call alone times out: the calls ran one after the other
            return GetSpotPlacementScoresResponse.builder().spotPlacementScores(SpotPlacementScore.builder()
                    .availabilityZoneId("usw2-az1").score(7).build()).build();
        });
        TestServices s = TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2)
                .lookups(io.daylily.ec.support.lookup.SharedLookups::forEnv).build();
        new SpotPlacementStep().run(RenderAndSpotPriceStepTest.ctx(RenderAndSpotPriceStepTest.values()
                .with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "t.yaml")), s);
        assertEquals(List.of("pcluster.spot_placement.a PASS", "pcluster.spot_placement.b PASS"),
                s.events().checks().stream().map(c -> c.id() + " " + c.status()).toList(), "in queue order");
    }

    @Test
    void aTemplateWithoutSpotQueuesAsksNothing() throws Exception {
        RunContext in = ctx();
        Files.writeString(dir.resolve("t.yaml"), TEMPLATE.substring(0, TEMPLATE.indexOf("    - Name: i8"))
                + TEMPLATE.substring(TEMPLATE.indexOf("    - Name: od")));
        TestServices s = TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2).build();
        assertEquals(in, new SpotPlacementStep().run(in, s));
        assertEquals(List.of(), s.events().checks());
        verify(ec2, never()).describeInstanceTypes(any(DescribeInstanceTypesRequest.class));
        verify(ec2, never()).getSpotPlacementScores(any(GetSpotPlacementScoresRequest.class));
    }
}
