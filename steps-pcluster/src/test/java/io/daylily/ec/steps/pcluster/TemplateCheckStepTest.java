package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/** The cluster template and the spot prices checked in the read-only phase (issue #16). */
class TemplateCheckStepTest {
    @TempDir
    Path dir;

    private final Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);

    private void prices() {
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class))).thenReturn(DescribeSpotPriceHistoryResponse.builder()
                .spotPriceHistory(SpotPrice.builder().instanceType("r7i.2xlarge").spotPrice("0.50")
                        .timestamp(Instant.parse("2026-02-11T11:00:00Z")).build()).build());
    }

    private TestServices services() {
        // the run's shared lookups, as the runtime wires them: the template check and the pricing step share one read
        return TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2).lookups(io.daylily.ec.support.lookup.SharedLookups::forEnv).build();
    }

    private RunContext ctx(String template, ConfigValues v) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), template);
        return RenderAndSpotPriceStepTest.ctx(v.with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "t.yaml"));
    }

    static final String GOOD = """
            Region: ${REGSUB_REGION}
            HeadNode:
              InstanceType: ${REGSUB_HEADNODE_INSTANCE_TYPE}
              Networking:
                SubnetId: ${REGSUB_PUB_SUBNET}
            Scheduling:
              Scheduler: slurm
              SlurmQueues:
                - Name: i8
                  ComputeResources:
                    - Name: a
                      Instances:
                        - InstanceType: r7i.2xlarge
                      MaxCount: ${REGSUB_MAX_COUNT_8I}
                      SpotPrice: CALCULATE_MAX_SPOT_PRICE
                  Networking:
                    SubnetIds:
                      - ${REGSUB_PRIVATE_SUBNET}
            """;

    @Test
    void itsPlaceInThePlan() {
        TemplateCheckStep t = new TemplateCheckStep();
        assertEquals("pcluster.template_check", t.id());
        assertEquals(Order.PREFLIGHT + 90, t.order());
        assertTrue(t.order() < Order.INFRA, "in the read-only phase, before anything is created");
        assertEquals(Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT), t.pipelines());
        assertFalse(t.mutatesAws());
        assertFalse(t.description().isBlank());
    }

    @Test
    void aGoodTemplatePassesAndItsPricesAreReadOnceForTheWholeRun() throws Exception {
        prices();
        TestServices s = services();
        RunContext in = ctx(GOOD, RenderAndSpotPriceStepTest.values());
        assertSame(in, new TemplateCheckStep().run(in, s));
        assertEquals(CheckStatus.PASS, s.events().check("pcluster.template").status());
        CheckResult p = s.events().check("pcluster.spot_price_lookup");
        assertEquals(CheckStatus.PASS, p.status());
        assertEquals("4.64", p.details().get("queue.i8"), "median 0.50 + 4.14, shown before anything is created");
        assertEquals("37.12", p.details().get("cost.max_hourly_usd"), "issue #20: MaxCount 8 × 4.64, in the preflight report");
        assertEquals(QueueCost.NOT_INCLUDED, p.details().get("cost.not_included"));
        // the create's pricing step takes the same answer
        Path init = Files.writeString(dir.resolve("init.yaml"), Renderer.render(GOOD, RenderStep.values(in, s.env())));
        new SpotPriceStep().run(in.with(ContextKeys.INIT_TEMPLATE_PATH, init.toString()), s);
        verify(ec2, times(1)).describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class));
        assertEquals("4.64", s.events().check("pcluster.spot_prices").details().get("queue.i8"));
        assertEquals("37.12", s.events().check("pcluster.spot_prices").details().get("cost.max_hourly_usd"));
    }

    @Test
    void subnetsTheStackHasYetToCreateStandIn() throws Exception {
        prices();
        TestServices s = services();
        java.util.TreeMap<String, String> kept = new java.util.TreeMap<>(RenderAndSpotPriceStepTest.values().values());
        kept.keySet().removeIf(k -> k.endsWith("subnet_id"));
        ConfigValues noSubnets = new ConfigValues(kept);
        new TemplateCheckStep().run(ctx(GOOD, noSubnets), s);
        CheckResult c = s.events().check("pcluster.template");
        assertEquals(CheckStatus.PASS, c.status(), c.toString());
        assertEquals(List.of("REGSUB_PRIVATE_SUBNET", "REGSUB_PUB_SUBNET"), c.details().get("stand_ins"));
    }

    @Test
    void aFileThatIsNotAClusterTemplateFailsBeforeAnyAwsCall() throws Exception {
        TestServices s = services();
        new TemplateCheckStep().run(ctx("name: my shopping list\nitems: [milk]\n", RenderAndSpotPriceStepTest.values()), s);
        CheckResult c = s.events().check("pcluster.template");
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals(List.of("no Region", "no HeadNode section", "no Scheduling.SlurmQueues"), c.details().get("problems"));
        assertTrue(c.remediation().startsWith("cluster_template_yaml (t.yaml) is not a cluster configuration ParallelCluster would accept: "),
                c.remediation());
        verify(ec2, never()).describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class));
        assertTrue(s.events().checks().stream().noneMatch(x -> x.id().equals("pcluster.spot_price_lookup")));
    }

    @Test
    void anUnknownTokenOrAMissingFileFailsNamingTheKey() throws Exception {
        TestServices s = services();
        new TemplateCheckStep().run(ctx(GOOD + "Extra: ${REGSUB_NOPE}\n", RenderAndSpotPriceStepTest.values()), s);
        CheckResult c = s.events().check("pcluster.template");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("REGSUB_NOPE") && c.remediation().contains("fix cluster_template_yaml"), c.remediation());
        TestServices m = services();
        new TemplateCheckStep().run(RenderAndSpotPriceStepTest.ctx(RenderAndSpotPriceStepTest.values()
                .with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "missing.yaml")), m);
        assertEquals(CheckStatus.FAIL, m.events().check("pcluster.template").status());
    }

    @Test
    void aMaxCountBelowOneIsWhatParallelClusterRefuses() {
        String zero = GOOD.replace("MaxCount: ${REGSUB_MAX_COUNT_8I}", "MaxCount: 0");
        assertEquals(List.of("queue i8, compute resource a: MaxCount 0 (ParallelCluster requires a whole number >= 1;"
                + " see max_count_* in the config)"), TemplateCheckStep.problems(zero.replace("${REGSUB_REGION}", "us-west-2")
                .replace("${REGSUB_HEADNODE_INSTANCE_TYPE}", "r7i.2xlarge")));
        assertEquals(List.of(), TemplateCheckStep.problems(GOOD.replace("MaxCount: ${REGSUB_MAX_COUNT_8I}", "MaxCount: 1")
                .replace("${REGSUB_REGION}", "us-west-2").replace("${REGSUB_HEADNODE_INSTANCE_TYPE}", "r7i.2xlarge")),
                "1 is the last value accepted");
        assertEquals(List.of("it is not a YAML mapping"), TemplateCheckStep.problems("- a\n- b\n"));
        assertTrue(TemplateCheckStep.problems("a: [\n").get(0).startsWith("it is not valid YAML"));
        assertEquals(List.of("no Region", "HeadNode has no InstanceType", "queue q has no ComputeResources"),
                TemplateCheckStep.problems("HeadNode: {}\nScheduling:\n  SlurmQueues:\n    - Name: q\n"));
        assertEquals(List.of("a queue without a Name", "queue q has a compute resource without a Name"),
                TemplateCheckStep.problems("Region: r\nHeadNode: {InstanceType: t}\nScheduling:\n  SlurmQueues:\n    - {}\n"
                        + "    - Name: q\n      ComputeResources:\n        - MaxCount: 2\n"));
    }

    @Test
    void aDeniedSpotPriceReadFailsInThePreflight() throws Exception {
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class))).thenThrow(Ec2Exception.builder().message("denied")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("UnauthorizedOperation").errorMessage("not authorized").build()).build());
        TestServices s = services();
        new TemplateCheckStep().run(ctx(GOOD, RenderAndSpotPriceStepTest.values()), s);
        assertEquals(CheckStatus.PASS, s.events().check("pcluster.template").status());
        CheckResult c = s.events().check("pcluster.spot_price_lookup");
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals("ec2:DescribeSpotPriceHistory in us-west-2b was denied (UnauthorizedOperation: not authorized);"
                + " grant ec2:DescribeSpotPriceHistory", c.remediation());
        assertEquals("access_denied", c.details().get("aws_error"), "an AWS failure (exit 2), not a validation one");
        assertEquals("access_denied", c.awsError(), "the field the gate reads (issue #28)");
    }

    @Test
    void anUnreachableEndpointIsSaidSoNotDenied() throws Exception {
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class))).thenThrow(
                software.amazon.awssdk.core.exception.SdkClientException.builder().message("Unable to execute HTTP request")
                        .cause(new java.net.ConnectException("Connection refused")).build());
        TestServices s = services();
        new TemplateCheckStep().run(ctx(GOOD, RenderAndSpotPriceStepTest.values()), s);
        CheckResult c = s.events().check("pcluster.spot_price_lookup");
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals("unreachable", c.details().get("aws_error"));
        assertTrue(c.remediation().startsWith("ec2:DescribeSpotPriceHistory in us-west-2b failed: the AWS endpoint cannot be reached"),
                c.remediation());
    }

    @Test
    void withoutAClusterNameOrATemplateThereIsNothingToCheck() {
        TestServices s = services();
        RunContext noName = RunContext.empty("1").with(ContextKeys.VALUES, ConfigValues.empty().with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "t.yaml"))
                .with(ContextKeys.REGION_AZ, "us-west-2b");
        assertSame(noName, new TemplateCheckStep().run(noName, s));
        RunContext noTemplate = RenderAndSpotPriceStepTest.ctx(ConfigValues.empty());
        assertSame(noTemplate, new TemplateCheckStep().run(noTemplate, s));
        assertEquals(List.of(), s.events().checks(), "an earlier gate reported what is missing");
    }
}
