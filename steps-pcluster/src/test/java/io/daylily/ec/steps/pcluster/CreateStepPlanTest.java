package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * Issues #20, #28: in a plan the render and the prices run as in the create (writing {@code .plan.yaml} files), and
 * {@code pcluster.create}'s inspect and describe name the cluster, its queues and cost; one the create would stop
 * at is a FAIL of its inspect.
 */
class CreateStepPlanTest {
    @TempDir
    Path dir;

    private final Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);

    private RunContext ctx() throws Exception {
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class))).thenReturn(DescribeSpotPriceHistoryResponse.builder()
                .spotPriceHistory(SpotPrice.builder().instanceType("r7i.2xlarge").spotPrice("0.50")
                        .timestamp(Instant.parse("2026-02-11T11:00:00Z")).build()).build());
        Files.writeString(dir.resolve("t.yaml"), TemplateCheckStepTest.GOOD);
        return RenderAndSpotPriceStepTest.ctx(RenderAndSpotPriceStepTest.values().with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "t.yaml")
                .with(ConfigKeys.BUDGET_AMOUNT, "100")).with(ContextKeys.PIPELINE, Pipelines.PLAN);
    }

    /** The plan pipeline's pcluster part: render, prices, then the create step's inspect + describe. */
    private static RunContext planned(RunContext in, TestServices s) {
        RunContext priced = new SpotPriceStep().run(new RenderStep().run(in, s), s);
        return new CreateStep().plan(priced, s);
    }

    private TestServices services(PclusterFake p) {
        return TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2).processes(p.runner).build();
    }

    @Test
    void theRenderAndThePricesRunInThePlanAndTheCreateIsAResourceStepOfTheCreate() {
        assertEquals(Set.of(Pipelines.CREATE, Pipelines.PLAN), new RenderStep().pipelines());
        assertEquals(Set.of(Pipelines.CREATE, Pipelines.PLAN), new SpotPriceStep().pipelines());
        assertFalse(new RenderStep().mutatesAws());
        CreateStep c = new CreateStep();
        assertEquals(Order.PCLUSTER + 30, c.order());
        assertEquals(Set.of(Pipelines.CREATE), c.pipelines());
        assertTrue(c.mutatesAws());
        assertTrue(Pipelines.includes(c, Pipelines.PLAN), "a resource step of the create is in the plan");
    }

    @Test
    void aMissingClusterIsCreatedWithItsQueuesPricesAndCost() throws Exception {
        PclusterFake p = new PclusterFake().describe(PclusterFake.notFound());
        TestServices s = services(p);
        RunContext out = planned(ctx(), s);
        PlannedChange c = Plan.of(out).changes().get(0);
        assertEquals("cluster", c.resource());
        assertEquals("c1", c.name());
        assertEquals(PlannedChange.Action.CREATE, c.action());
        assertEquals("4800", c.details().get("fsx_size_gb"));
        assertEquals("r7i.4xlarge", c.details().get("head_node_instance_type"));
        Map<?, ?> q = (Map<?, ?>) ((List<?>) c.details().get("queues")).get(0);
        assertEquals("i8", q.get("name"));
        assertEquals(8, q.get("max_count"));
        assertEquals("4.64", q.get("spot_price_usd"), "0.50 + 4.14");
        assertEquals("37.12", q.get("max_hourly_usd"), "8 × 4.64");
        Map<String, Object> cost = out.require(ContextKeys.COST);
        assertEquals("37.12", cost.get("max_hourly_usd"));
        assertEquals("2.6", cost.get("budget_hours"), "100 / 37.12 = 2.69…, rounded down");
        Path yaml = Path.of(out.require(ContextKeys.CLUSTER_YAML_PATH));
        assertEquals("c1_cluster_20260211120000.plan.yaml", yaml.getFileName().toString());
        assertTrue(Files.readString(yaml).contains("SpotPrice: 4.64"), Files.readString(yaml));
        assertTrue(Files.readString(yaml).contains("SubnetId: subnet-0pub"));
        assertEquals(yaml.toString(), c.details().get("cluster_yaml_path"));
        assertTrue(s.events().checks().stream().noneMatch(x -> x.status() != CheckStatus.PASS), s.events().checks().toString());
        assertTrue(Files.list(dir).noneMatch(f -> f.getFileName().toString().endsWith(".yaml.init")
                || f.getFileName().toString().equals("c1_cluster_20260211120000.yaml")), "a plan writes only .plan.yaml files");
        assertEquals(List.of(List.of("pcluster", "describe-cluster", "-n", "c1", "--region", "us-west-2")),
                p.runner.runs().stream().map(r -> r.argv()).toList(), "only the existence check: no dry run, no create");
    }

    @Test
    void anExistingClusterIsReusedAndOneTheCreateCouldNotUseIsAFail() throws Exception {
        for (String status : List.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS")) {
            TestServices s = services(new PclusterFake().describe(PclusterFake.status(status)));
            RunContext out = planned(ctx(), s);
            assertEquals(PlannedChange.Action.REUSE, Plan.of(out).changes().get(0).action(), status);
            assertEquals(status, Plan.of(out).changes().get(0).details().get("status"));
        }
        TestServices s = services(new PclusterFake().describe(PclusterFake.status("CREATE_FAILED")));
        CreateStep.Decision d = new CreateStep().inspect(ctx(), s);
        assertEquals("CREATE_FAILED", d.existing());
        CheckResult c = s.events().check("pcluster.create");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().startsWith("cluster c1 already exists in us-west-2 as CREATE_FAILED"), c.remediation());
    }

    @Test
    void aDescribeThatFailsIsNotTakenForAMissingCluster() throws Exception {
        TestServices s = services(new PclusterFake().describe(PclusterFake.exit(1, "{\"message\": \"The security token is expired\"}", "")));
        new CreateStep().inspect(ctx(), s);
        CheckResult c = s.events().check("pcluster.create");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("cannot tell whether cluster c1 exists")
                && c.remediation().contains("The security token is expired"), c.remediation());
    }
}
