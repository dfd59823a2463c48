package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.daylily.ec.api.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

/** PARITY §29.8 (names), §29.9, DECISIONS #9, #15. */
class NetworkAndTypesTest {
    @TempDir
    Path dir;

    @Test
    void stackNames() {
        assertEquals("pcluster-vpc-stack-2a", NetworkStep.stackName("us-west-2a"));
        assertEquals("pcluster-vpc-stack-1b", NetworkStep.stackName("us-east-1b"));
        assertEquals("pcluster-vpc-stack-1c", NetworkStep.stackName("eu-west-1c"));
        assertEquals("pcluster-vpc-stack-1a", NetworkStep.stackName("ap-southeast-1a"));
        assertTrue(assertThrows(io.daylily.ec.api.DaylilyException.class, () -> NetworkStep.stackName("us-west")).getMessage().contains("at least 3"));
        assertThrows(io.daylily.ec.api.DaylilyException.class, () -> NetworkStep.stackName("us"));
    }

    static Subnet subnet(String id, String name) {
        Subnet.Builder b = Subnet.builder().subnetId(id);
        if (name != null) {
            b.tags(Tag.builder().key("Name").value(name).build());
        }
        return b.build();
    }

    private TestServices services(Subnet... subnets) {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeSubnets(any(DescribeSubnetsRequest.class))).thenReturn(DescribeSubnetsResponse.builder().subnets(subnets).build());
        return TestServices.builder(dir).aws(Ec2Client.class, ec2).build();
    }

    private RunContext withPolicies(RunContext ctx, String... arns) {
        return ctx.with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(arns), ""));
    }

    @Test
    void onlyTaggedSubnetsMatch() {
        List<Subnet> subnets = List.of(subnet("subnet-1", "daylily-cs-us-west-twob Public Subnet"), subnet("subnet-2", null),
                subnet("subnet-3", "default"));
        assertEquals(List.of("subnet-1"), NetworkStep.matching(subnets, NetworkStep.PUBLIC));
        assertEquals(List.of(), NetworkStep.matching(subnets, NetworkStep.PRIVATE));
    }

    @Test
    void bothMissingMeansInfraCreatesTheStack() {
        TestServices s = services(subnet("subnet-9", null));
        RunContext out = new NetworkStep().run(Ctx.base(), s);
        CheckResult c = s.events().check("network.subnets");
        assertEquals(CheckStatus.PASS, c.status());
        assertEquals("create_baseline_stack", c.details().get("action"));
        assertEquals("pcluster-vpc-stack-2b", c.details().get("stack_name"));
        assertEquals(true, out.require(ContextKeys.BASELINE_STACK_NEEDED));
    }

    @Test
    void exactlyOneMissingFails() {
        TestServices s = services(subnet("subnet-1", "x Public Subnet"));
        RunContext in89 = Ctx.base();
        org.junit.jupiter.api.Assertions.assertSame(in89, new NetworkStep().run(in89, s), "the context goes on unchanged");
        CheckResult c = s.events().check("network.subnets");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("public but no private"), c.remediation());
    }

    @Test
    void bothPresentAreSelectedWithThePolicy() {
        TestServices s = services(subnet("subnet-0aaa", "x Public Subnet"), subnet("subnet-0bbb", "x Private Subnet"));
        RunContext out = new NetworkStep().run(withPolicies(Ctx.base(), "arn:aws:iam::1:policy/pclusterTagsAndBudget"), s);
        assertEquals("subnet-0aaa", out.require(ContextKeys.NETWORK).publicSubnetId());
        assertEquals("subnet-0bbb", out.require(ContextKeys.NETWORK).privateSubnetId());
        assertEquals("arn:aws:iam::1:policy/pclusterTagsAndBudget", out.require(ContextKeys.CLUSTER_POLICY).arn());
        assertEquals(Ctx.base().get(ContextKeys.VALUES), out.get(ContextKeys.VALUES), "issue #28: the config values are not rewritten");
        assertEquals(false, out.require(ContextKeys.BASELINE_STACK_NEEDED));
    }

    @Test
    void setValuesChooseAmongSeveralAndAnUnknownSetValueIsNotReplaced() {
        TestServices s = services(subnet("subnet-01", "a Public Subnet"), subnet("subnet-02", "b Public Subnet"),
                subnet("subnet-03", "a Private Subnet"));
        RunContext ctx = withPolicies(Ctx.withConfig("public_subnet_id", "subnet-02", "private_subnet_id", "subnet-99"),
                "arn:1");
        RunContext out = new NetworkStep().run(ctx, s);
        // issue #16: a configured subnet that is not a candidate fails; the single candidate does not take its place
        assertEquals(CheckStatus.FAIL, s.events().check("network.subnets").status());
        assertTrue(s.events().check("network.subnets").remediation().startsWith("private_subnet_id 'subnet-99' (set in the config)"));
        assertEquals("", out.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::privateSubnetId).orElse(""));
        TestServices ok = services(subnet("subnet-01", "a Public Subnet"), subnet("subnet-02", "b Public Subnet"),
                subnet("subnet-03", "a Private Subnet"));
        RunContext chosen = new NetworkStep().run(withPolicies(Ctx.withConfig("public_subnet_id", "subnet-02"), "arn:1"), ok);
        assertEquals("subnet-02", chosen.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::publicSubnetId).orElse(""), "the set value among several");
        assertEquals("subnet-03", chosen.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::privateSubnetId).orElse(""), "nothing set: the single candidate");
    }

    @Test
    void networkWithoutPolicyFails() {
        TestServices s = services(subnet("subnet-0aaa", "x Public Subnet"), subnet("subnet-0bbb", "x Private Subnet"));
        new NetworkStep().run(withPolicies(Ctx.base()), s);
        assertEquals(CheckStatus.FAIL, s.events().check("iam.tags_budget_policy").status());
    }

    // ------------------------------------------------------------------ instance types

    /** The compute types of a cluster template: literal instance types only, both queues' families among them. */
    private static void assertComputeTypes(Path template) throws Exception {
        Object doc = new org.yaml.snakeyaml.Yaml().load(Files.readString(template));
        Set<String> types = InstanceTypesStep.computeTypes(doc);
        assertTrue(types.contains("r7i.2xlarge") && types.contains("r6i.2xlarge"), types.toString());
        assertTrue(types.stream().noneMatch(t -> t.contains("$")));
    }

    @Test
    void computeTypesOfTheProjectTemplate() throws Exception {
        assertComputeTypes(Fixtures.projectRoot().resolve("config/day_cluster/prod_cluster.yaml"));
    }

    @Test
    void computeTypesOfTheUpstreamTemplate() throws Exception {
        assertComputeTypes(Fixtures.upstream().resolve("config/day_cluster/prod_cluster.yaml"));
    }

    @Test
    void missingTypesAreNamed() throws Exception {
        Path tpl = dir.resolve("t.yaml");
        Files.writeString(tpl, """
                Scheduling:
                  SlurmQueues:
                    - Name: q
                      ComputeResources:
                        - Name: a
                          Instances:
                            - InstanceType: r7i.2xlarge
                        - Name: b
                          InstanceType: x9z.huge
                """);
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeInstanceTypeOfferings(any(DescribeInstanceTypeOfferingsRequest.class))).thenAnswer(inv -> {
            DescribeInstanceTypeOfferingsRequest r = inv.getArgument(0);
            assertEquals(List.of("us-west-2b"), r.filters().get(0).values());
            return DescribeInstanceTypeOfferingsResponse.builder().instanceTypeOfferings(
                    InstanceTypeOffering.builder().instanceType("r7i.2xlarge").build()).build();
        });
        TestServices s = TestServices.builder(dir).workDir(dir).aws(Ec2Client.class, ec2).build();
        RunContext ctx = Ctx.base().with(ContextKeys.VALUES, ConfigValues.empty().with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "t.yaml")
                .with(ConfigKeys.HEADNODE_INSTANCE_TYPE, "r7i.4xlarge"));
        RunContext in168 = ctx;
        org.junit.jupiter.api.Assertions.assertSame(in168, new InstanceTypesStep().run(in168, s), "the context goes on unchanged");
        CheckResult c = s.events().check("ec2.instance_types");
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals(List.of("r7i.4xlarge", "x9z.huge"), c.details().get("missing"));
        assertTrue(c.remediation().contains("(headnode_instance_type)"));
    }
}
