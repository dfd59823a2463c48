package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.BaselineStack;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.UpdateStackRequest;

/** PARITY §29.8 and the ensure paths: create, already up to date, in progress, failure with reason. */
class NetworkStackTest {
    @TempDir
    Path dir;

    static AwsServiceException cfnError(String message) {
        return CloudFormationException.builder().message(message).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ValidationError").errorMessage(message).build()).build();
    }

    static Stack stack(String status, Output... outputs) {
        return Stack.builder().stackName("pcluster-vpc-stack-2b").stackStatus(status).outputs(outputs).build();
    }

    static Output out(String k, String v) {
        return Output.builder().outputKey(k).outputValue(v).build();
    }

    /** A client whose DescribeStacks answers come from a script (null = does not exist). */
    static CloudFormationClient scripted(Deque<Stack> states, List<StackEvent> events) {
        CloudFormationClient cfn = mock(CloudFormationClient.class);
        when(cfn.describeStacks(any(DescribeStacksRequest.class))).thenAnswer(inv -> {
            Stack s = states.size() > 1 ? states.removeFirst() : states.peekFirst();
            if (s == null || s.stackStatusAsString().equals("NONE")) {
                throw cfnError("Stack with id pcluster-vpc-stack-2b does not exist");
            }
            return DescribeStacksResponse.builder().stacks(s).build();
        });
        when(cfn.describeStackEvents(any(DescribeStackEventsRequest.class)))
                .thenReturn(DescribeStackEventsResponse.builder().stackEvents(events).build());
        return cfn;
    }

    @Test
    void namesAndParameters() {
        assertEquals("daylily-cs-us-west-twoa", BaselineStack.prefix("us-west-2a"));
        assertEquals("daylily-cs-us-east-onea", BaselineStack.prefix("us-east-1a"));
        assertEquals("daylily-cs-eu-west-threeb", BaselineStack.prefix("eu-west-3b"));
        assertEquals("daylily-cs-ap-southeast-fourc", BaselineStack.prefix("ap-southeast-4c"));
        assertEquals("daylily-cs-us-west-5a", BaselineStack.prefix("us-west-5a"));
        assertEquals("daylily-cs-eu-west-ab", BaselineStack.prefix("eu-west-ab"));
        assertEquals("daylily-cs-us-east-onetwoa", BaselineStack.prefix("us-east-12a"));
        List<Parameter> p = NetworkStack.parameters("us-west-2b", false);
        assertEquals("AvailabilityZone=us-west-2b, CreatePolicy=false, EnvironmentName=daylily-cs-us-west-twob, "
                + "PrivateSubnetCIDR=10.0.1.0/24, PublicSubnetCIDR=10.0.0.0/24, VpcCIDR=10.0.0.0/16",
                String.join(", ", p.stream().map(x -> x.parameterKey() + "=" + x.parameterValue()).toList()));
    }

    @Test
    void absentStackIsCreatedAndWaitedOnWithEventsStreamed() {
        Deque<Stack> states = new ArrayDeque<>(java.util.Arrays.asList(stack("NONE"), stack("CREATE_IN_PROGRESS"),
                stack("CREATE_COMPLETE", out("PublicSubnets", "subnet-0pub"), out("PrivateSubnet", "subnet-0priv"),
                        out("PclusterPolicy", "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget"))));
        CloudFormationClient cfn = scripted(states, List.of(StackEvent.builder().eventId("e1").logicalResourceId("VPC")
                .resourceStatus("CREATE_COMPLETE").build()));
        ScriptedPrompter ui = ScriptedPrompter.answering();
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).prompter(ui)
                .env(InfraNetworkStep.POLL_ENV, "1").build();
        RunContext out = new InfraNetworkStep().run(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true), s);
        assertEquals("subnet-0pub", out.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::publicSubnetId).orElse(""));
        assertEquals("subnet-0priv", out.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::privateSubnetId).orElse(""));
        assertEquals(new io.daylily.ec.api.facts.Network("", "subnet-0pub", "subnet-0priv"), out.require(ContextKeys.NETWORK),
                "the stack's outputs are the run's network (no VPC output in this stack)");
        assertEquals("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget", out.get(ContextKeys.CLUSTER_POLICY).map(io.daylily.ec.api.facts.ClusterPolicy::arn).orElse(""));
        assertEquals("pcluster-vpc-stack-2b", out.require(ContextKeys.CFN_STACK_NAME));
        assertEquals("created", s.events().check("infra.network").details().get("action"));
        assertTrue(ui.said().contains("  VPC CREATE_COMPLETE"), ui.said().toString());
        verify(cfn).createStack(any(CreateStackRequest.class));
        assertTrue(s.clock().sleeps().size() >= 1, "waited with the clock, not a real sleep");
    }

    @Test
    void createPolicyIsFalseWhenThePolicyExists() {
        Deque<Stack> states = new ArrayDeque<>(java.util.Arrays.asList(stack("NONE"),
                stack("CREATE_COMPLETE", out("PublicSubnets", "subnet-0pub"), out("PrivateSubnet", "subnet-0priv"),
                        out("PclusterPolicy", "Policy already exists, not created"))));
        CloudFormationClient cfn = scripted(states, List.of());
        when(cfn.createStack(any(CreateStackRequest.class))).thenAnswer(inv -> {
            CreateStackRequest r = inv.getArgument(0);
            assertTrue(r.parameters().contains(Parameter.builder().parameterKey("CreatePolicy").parameterValue("false").build()));
            assertTrue(r.capabilitiesAsStrings().contains("CAPABILITY_NAMED_IAM"));
            assertTrue(r.templateBody().contains("pclusterTagsAndBudget"));
            return null;
        });
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build();
        RunContext ctx = Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true)
                .with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget"), ""));
        RunContext out = new InfraNetworkStep().run(ctx, s);
        assertEquals("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget", out.get(ContextKeys.CLUSTER_POLICY).map(io.daylily.ec.api.facts.ClusterPolicy::arn).orElse(""),
                "the 'already exists' output text is never passed on");
    }

    @Test
    void completeStackWithNothingToChangeIsUpToDate() {
        Deque<Stack> states = new ArrayDeque<>(List.of(stack("CREATE_COMPLETE", out("PublicSubnets", "subnet-0pub"),
                out("PrivateSubnet", "subnet-0priv"))));
        CloudFormationClient cfn = scripted(states, List.of());
        when(cfn.updateStack(any(UpdateStackRequest.class))).thenThrow(cfnError("No updates are to be performed."));
        NetworkStack.Result r = new NetworkStack(cfn, io.daylily.ec.api.testing.FixedClock.standard(), ScriptedPrompter.answering(),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1), "us-west-2").ensure("pcluster-vpc-stack-2b", "{}", List.of(), true);
        assertEquals("up_to_date", r.action());
        assertEquals("subnet-0pub", r.outputs().get("PublicSubnets"));
        verify(cfn, never()).createStack(any(CreateStackRequest.class));
    }

    @Test
    void completeStackIsReusedAsItIsUnlessAnUpdateIsAsked() {
        for (String status : List.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE")) {
            CloudFormationClient cfn = scripted(new ArrayDeque<>(List.of(stack(status, out("PublicSubnets", "subnet-0pub"),
                    out("PrivateSubnet", "subnet-0priv"), out("PclusterPolicy", "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget")))),
                    List.of());
            ScriptedPrompter ui = ScriptedPrompter.answering();
            TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).prompter(ui).build();
            RunContext out = new InfraNetworkStep().run(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true)
                    .with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(), "")), s);
            verify(cfn, never()).updateStack(any(UpdateStackRequest.class));
            verify(cfn, never()).createStack(any(CreateStackRequest.class));
            assertEquals("reused", s.events().check("infra.network").details().get("action"), status);
            assertFalse(s.events().check("infra.network").details().containsKey("create_policy"), "no CreatePolicy was sent");
            assertEquals("subnet-0pub", out.require(ContextKeys.NETWORK).publicSubnetId());
            assertEquals("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget",
                    out.get(ContextKeys.CLUSTER_POLICY).map(io.daylily.ec.api.facts.ClusterPolicy::arn).orElse(""), "the policy ARN from the stack's output");
            assertTrue(io.daylily.ec.api.AwsChanges.of(out).items().isEmpty(), "nothing changed in AWS: " + io.daylily.ec.api.AwsChanges.of(out));
            assertTrue(ui.said().stream().anyMatch(l -> l.contains("the existing " + status + " stack's outputs, not updated")), ui.said().toString());
            assertEquals(Ctx.base().get(ContextKeys.VALUES), out.get(ContextKeys.VALUES), "issue #28: the config values are not rewritten");
            RunContext configured = new InfraNetworkStep().run(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true)
                    .with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(), ""))
                    .with(ContextKeys.CLUSTER_POLICY, new io.daylily.ec.api.facts.ClusterPolicy("arn:configured")), s);
            assertEquals("arn:configured", configured.require(ContextKeys.CLUSTER_POLICY).arn(), "the config's policy wins");
        }
    }

    @Test
    void anUpdateKeepsCreatePolicyTrueOnAStackThatOwnsThePolicy() {
        Stack owns = stack("CREATE_COMPLETE").toBuilder().parameters(Parameter.builder().parameterKey("CreatePolicy")
                .parameterValue("true").build()).build();
        Stack doesNot = stack("CREATE_COMPLETE").toBuilder().parameters(Parameter.builder().parameterKey("CreatePolicy")
                .parameterValue("false").build()).build();
        List<Parameter> asked = NetworkStack.parameters("us-west-2b", false);
        java.util.function.Function<List<Parameter>, String> createPolicy = ps -> ps.stream()
                .filter(p -> p.parameterKey().equals("CreatePolicy")).findFirst().orElseThrow().parameterValue();
        assertEquals("true", createPolicy.apply(NetworkStack.keepOwnedPolicy(asked, owns)), "false would delete the stack's policy");
        assertEquals("false", createPolicy.apply(NetworkStack.keepOwnedPolicy(asked, doesNot)));
        assertEquals("true", createPolicy.apply(NetworkStack.keepOwnedPolicy(NetworkStack.parameters("us-west-2b", true), doesNot)));
        assertEquals(asked.size(), NetworkStack.keepOwnedPolicy(asked, owns).size());
        assertEquals("us-west-2b", NetworkStack.keepOwnedPolicy(asked, owns).stream()
                .filter(p -> p.parameterKey().equals("AvailabilityZone")).findFirst().orElseThrow().parameterValue());

        CloudFormationClient cfn = scripted(new ArrayDeque<>(List.of(owns)), List.of());
        when(cfn.updateStack(any(UpdateStackRequest.class))).thenThrow(cfnError("No updates are to be performed."));
        new NetworkStack(cfn, io.daylily.ec.api.testing.FixedClock.standard(), ScriptedPrompter.answering(),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1), "us-west-2").ensure("pcluster-vpc-stack-2b", "{}", asked, true);
        verify(cfn).updateStack(org.mockito.ArgumentMatchers.<UpdateStackRequest>argThat(r -> r.parameters()
                .contains(Parameter.builder().parameterKey("CreatePolicy").parameterValue("true").build())));
    }

    @Test
    void theReportSaysWhichCreatePolicyWasSentNotWhichWasAsked() {
        Stack owns = stack("CREATE_COMPLETE", out("PublicSubnets", "subnet-0pub"), out("PrivateSubnet", "subnet-0priv"),
                out("PclusterPolicy", "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget")).toBuilder()
                .parameters(Parameter.builder().parameterKey("CreatePolicy").parameterValue("true").build()).build();
        CloudFormationClient cfn = scripted(new ArrayDeque<>(List.of(owns)), List.of());
        when(cfn.updateStack(any(UpdateStackRequest.class))).thenThrow(cfnError("No updates are to be performed."));
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build();
        new InfraNetworkStep().run(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true).with(ContextKeys.NETWORK_UPDATE, true)
                .with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget"), "")), s);
        assertEquals("up_to_date", s.events().check("infra.network").details().get("action"));
        assertEquals(true, s.events().check("infra.network").details().get("create_policy"),
                "the policy exists, but the stack owns it: true was sent");
    }

    @Test
    void anUpdateWithTheSubnetsFoundReadsTheStackOnce() {
        Stack owns = stack("CREATE_COMPLETE", out("PublicSubnets", "subnet-0pub"), out("PrivateSubnet", "subnet-0priv")).toBuilder()
                .parameters(Parameter.builder().parameterKey("CreatePolicy").parameterValue("true").build()).build();
        CloudFormationClient cfn = scripted(new ArrayDeque<>(List.of(owns)), List.of());
        when(cfn.updateStack(any(UpdateStackRequest.class))).thenThrow(cfnError("No updates are to be performed."));
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build();
        new InfraNetworkStep().run(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, false).with(ContextKeys.NETWORK_UPDATE, true)
                .with(ContextKeys.NETWORK, new io.daylily.ec.api.facts.Network("vpc-1", "subnet-0pub", "subnet-0priv"))
                .with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(), "")), s);
        verify(cfn).updateStack(any(UpdateStackRequest.class));
        verify(cfn, org.mockito.Mockito.times(1)).describeStacks(any(DescribeStacksRequest.class));
        assertEquals("up_to_date", s.events().check("infra.network").details().get("action"));
    }

    @Test
    void updateAskedWithoutAStackToUpdateChangesNothing() {
        CloudFormationClient cfn = scripted(new ArrayDeque<>(List.of(stack("NONE"))), List.of());
        ScriptedPrompter ui = ScriptedPrompter.answering();
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).prompter(ui).build();
        new InfraNetworkStep().run(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, false).with(ContextKeys.NETWORK_UPDATE, true)
                .with(ContextKeys.NETWORK, new io.daylily.ec.api.facts.Network("vpc-1", "subnet-0pub", "subnet-0priv")), s);
        verify(cfn, never()).createStack(any(CreateStackRequest.class));
        verify(cfn, never()).updateStack(any(UpdateStackRequest.class));
        assertEquals("up_to_date", s.events().check("infra.network").details().get("action"));
        assertTrue(ui.said().stream().anyMatch(l -> l.contains("there is no stack pcluster-vpc-stack-2b to update")), ui.said().toString());
    }

    @Test
    void inProgressStackIsWaitedOn() {
        Deque<Stack> states = new ArrayDeque<>(List.of(stack("CREATE_IN_PROGRESS"), stack("CREATE_IN_PROGRESS"),
                stack("CREATE_COMPLETE", out("PublicSubnets", "a"), out("PrivateSubnet", "b"))));
        CloudFormationClient cfn = scripted(states, List.of());
        NetworkStack.Result r = new NetworkStack(cfn, io.daylily.ec.api.testing.FixedClock.standard(), ScriptedPrompter.answering(),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1), "us-west-2").ensure("pcluster-vpc-stack-2b", "{}", List.of(), false);
        assertEquals("waited", r.action());
        verify(cfn, never()).createStack(any(CreateStackRequest.class));
        verify(cfn, never()).updateStack(any(UpdateStackRequest.class));
    }

    @Test
    void rollbackIsExitTwoNamingTheResourceAndReason() {
        Deque<Stack> states = new ArrayDeque<>(java.util.Arrays.asList(stack("NONE"), stack("ROLLBACK_IN_PROGRESS")));
        CloudFormationClient cfn = scripted(states, List.of(
                StackEvent.builder().eventId("e2").logicalResourceId("NatGatewayEIP").resourceStatus("CREATE_FAILED")
                        .resourceStatusReason("The maximum number of addresses has been reached.").build()));
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).env(InfraNetworkStep.POLL_ENV, "1").build();
        AwsOperationException e = assertThrows(AwsOperationException.class,
                () -> new InfraNetworkStep().run(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true), s));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains("ROLLBACK_IN_PROGRESS: NatGatewayEIP CREATE_FAILED — The maximum number of addresses"),
                e.getMessage());
        assertEquals(List.of(new io.daylily.ec.api.event.ResourceTouched("cfn_stack_name", "pcluster-vpc-stack-2b")),
                s.events().published(io.daylily.ec.api.event.ResourceTouched.class), "the state names the stack before it fails");
    }

    @Test
    void unusableExistingStackIsExitTwoWithTheFix() {
        CloudFormationClient cfn = scripted(new ArrayDeque<>(List.of(stack("ROLLBACK_COMPLETE"))), List.of());
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new NetworkStack(cfn,
                io.daylily.ec.api.testing.FixedClock.standard(), ScriptedPrompter.answering(), java.time.Duration.ofSeconds(1),
                java.time.Duration.ofMinutes(1), "us-west-2").ensure("pcluster-vpc-stack-2b", "{}", List.of(), true));
        assertTrue(e.getMessage().contains("delete-stack --stack-name pcluster-vpc-stack-2b --region us-west-2"), e.getMessage());
    }

    @Test
    void notNeededMakesNoCall() {
        CloudFormationClient cfn = mock(CloudFormationClient.class);
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build();
        new InfraNetworkStep().run(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, false)
                .with(ContextKeys.NETWORK, new io.daylily.ec.api.facts.Network("vpc-1", "subnet-0pub", "subnet-0priv")), s);
        verifyNoInteractions(cfn);
        assertEquals(CheckStatus.PASS, s.events().check("infra.network").status());
        assertEquals("up_to_date", s.events().check("infra.network").details().get("action"));
        assertEquals("subnet-0pub", s.events().check("infra.network").details().get("public_subnet_id"));
        assertFalse(s.aws().targets().size() > 0);
    }
}
