package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Issue #28: the infra steps' plan is their own inspect and describe — what the plan says of a stack, a
 * policy or a role is the decision the create's apply then carries out.
 */
class InfraResourceStepsTest {
    @TempDir
    Path dir;

    private static List<PlannedChange> plan(ResourceStep<?> step, RunContext in, TestServices s) {
        return Plan.of(step.plan(in, s)).changes();
    }

    @Test
    void aStackTheCreateCannotReuseStopsThePlanAndTheCreateInTheSameWords() {
        CloudFormationClient cfn = NetworkStackTest.scripted(new ArrayDeque<>(List.of(NetworkStackTest.stack("ROLLBACK_COMPLETE"))), List.of());
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build();
        RunContext in = Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true);
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new InfraNetworkStep().inspect(in, s));
        assertEquals(NetworkStack.notReusable("pcluster-vpc-stack-2b", "us-west-2", "ROLLBACK_COMPLETE"), e.getMessage());
        assertTrue(e.getMessage().contains("delete-stack --stack-name pcluster-vpc-stack-2b --region us-west-2"), e.getMessage());
    }

    @Test
    void aMissingStackIsPlannedWithThePolicyItWouldCreateAndLeavesTheNetworkToTheCreate() {
        CloudFormationClient cfn = NetworkStackTest.scripted(new ArrayDeque<>(List.of(NetworkStackTest.stack("NONE"))), List.of());
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build();
        RunContext in = Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true);
        RunContext out = new InfraNetworkStep().plan(in, s);
        PlannedChange c = Plan.of(out).changes().get(0);
        assertEquals(Action.CREATE, c.action());
        assertEquals("pcluster-vpc-stack-2b", c.name());
        assertEquals(List.of("VPC", "public subnet", "private subnet", "NAT gateway", "Elastic IP", "IAM policy " + IamPolicies.TAGS_AND_BUDGET),
                c.details().get("creates"));
        assertTrue(out.get(ContextKeys.NETWORK).isEmpty(), "the subnets exist only after the create");

        RunContext owned = in.with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of("arn:aws:iam::1:policy/t"), ""));
        assertEquals(5, ((List<?>) plan(new InfraNetworkStep(), owned, s).get(0).details().get("creates")).size(),
                "an account that has the tags policy: the stack does not make it");
    }

    @Test
    void aCompleteStackIsReusedAndItsSubnetsAreThePlansNetwork() {
        CloudFormationClient cfn = NetworkStackTest.scripted(new ArrayDeque<>(List.of(NetworkStackTest.stack("CREATE_COMPLETE",
                NetworkStackTest.out("VPC", "vpc-1"), NetworkStackTest.out("PublicSubnets", "subnet-p"),
                NetworkStackTest.out("PrivateSubnet", "subnet-q")))), List.of());
        TestServices s = TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build();
        RunContext out = new InfraNetworkStep().plan(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true), s);
        PlannedChange c = Plan.of(out).changes().get(0);
        assertEquals(Action.REUSE, c.action());
        assertEquals("subnet-p", c.details().get("public_subnet_id"));
        assertEquals(new Network("vpc-1", "subnet-p", "subnet-q"), out.require(ContextKeys.NETWORK));

        CloudFormationClient busy = NetworkStackTest.scripted(new ArrayDeque<>(List.of(NetworkStackTest.stack("CREATE_IN_PROGRESS"))), List.of());
        RunContext waiting = new InfraNetworkStep().plan(Ctx.base().with(ContextKeys.BASELINE_STACK_NEEDED, true),
                TestServices.builder(dir).aws(CloudFormationClient.class, busy).build());
        assertEquals("the create waits for it", Plan.of(waiting).changes().get(0).details().get("note"));
        assertTrue(waiting.get(ContextKeys.NETWORK).isEmpty(), "a stack still being made has no subnets to show yet");
    }

    @Test
    void subnetsPreflightFoundAreReusedWithoutAStackRead() {
        CloudFormationClient cfn = mock(CloudFormationClient.class);
        RunContext in = Ctx.base().with(ContextKeys.NETWORK, new Network("vpc-1", "subnet-a", "subnet-b"));
        List<PlannedChange> p = plan(new InfraNetworkStep(), in, TestServices.builder(dir).aws(CloudFormationClient.class, cfn).build());
        assertEquals(List.of(PlannedChange.of("network", "us-west-2b", Action.REUSE).with("public_subnet_id", "subnet-a")
                .with("private_subnet_id", "subnet-b")), p);
        org.mockito.Mockito.verifyNoInteractions(cfn);
    }

    @Test
    void thePolicyIsCreatedOnlyWhenThePreflightDidNotSeeIt() {
        TestServices s = TestServices.builder(dir).build();
        assertEquals(Action.CREATE, plan(new IamEnsureStep(), Ctx.base(), s).get(0).action());
        RunContext seen = Ctx.base().with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(), "arn:aws:iam::1:policy/pcluster-omics-analysis"));
        PlannedChange c = plan(new IamEnsureStep(), seen, s).get(0);
        assertEquals(Action.REUSE, c.action());
        assertEquals("arn:aws:iam::1:policy/pcluster-omics-analysis", c.details().get("arn"));
    }

    @Test
    void theSchedulerRoleIsPlannedAsTheCreateResolvesItAndTheHeartbeatPlansWithItsArn() {
        IamClient none = mock(IamClient.class);
        when(none.getRole(any(GetRoleRequest.class))).thenThrow(NoSuchEntityException.builder().message("no").build());
        RunContext created = new SchedulerRoleStep().plan(Ctx.base(), TestServices.builder(dir).aws(IamClient.class, none).build());
        assertEquals(Action.CREATE, Plan.of(created).changes().get(0).action());
        assertEquals("arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns",
                created.require(ContextKeys.HEARTBEAT).schedulerRoleArn(), "the ARN IAM gives the role the create makes");

        IamClient partial = mock(IamClient.class);
        when(partial.getRole(any(GetRoleRequest.class))).thenReturn(GetRoleResponse.builder()
                .role(Role.builder().roleName("eventbridge-scheduler-to-sns").arn("arn:r").build()).build());
        when(partial.getRolePolicy(any(GetRolePolicyRequest.class))).thenThrow(NoSuchEntityException.builder().message("no").build());
        PlannedChange u = plan(new SchedulerRoleStep(), Ctx.base(), TestServices.builder(dir).aws(IamClient.class, partial).build()).get(0);
        assertEquals(Action.UPDATE, u.action());
        assertEquals(List.of("inline policy eventbridge-scheduler-to-sns-inline"), u.details().get("adds"));

        when(partial.getRolePolicy(any(GetRolePolicyRequest.class))).thenReturn(GetRolePolicyResponse.builder().build());
        RunContext reused = new SchedulerRoleStep().plan(Ctx.base(), TestServices.builder(dir).aws(IamClient.class, partial).build());
        assertEquals(Action.REUSE, Plan.of(reused).changes().get(0).action());
        assertEquals("arn:r", reused.require(ContextKeys.HEARTBEAT).schedulerRoleArn());

        RunContext given = Ctx.base().with(ContextKeys.HEARTBEAT, new HeartbeatSettings("hb@b.com", "rate(60 minutes)", "arn:given"));
        PlannedChange g = plan(new SchedulerRoleStep(), given, TestServices.builder(dir).aws(IamClient.class, mock(IamClient.class)).build()).get(0);
        assertEquals(PlannedChange.of("IAM role", "arn:given", Action.REUSE).with("source", "preconfigured"), g);
    }

    @Test
    void aRoleThatCannotBeReadSkipsTheHeartbeatWithAWarningInThePlanAsInTheCreate() {
        IamClient denied = mock(IamClient.class);
        when(denied.getRole(any(GetRoleRequest.class))).thenThrow(IamException.builder().message("denied").statusCode(403)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("AccessDenied").build()).build());
        TestServices s = TestServices.builder(dir).aws(IamClient.class, denied).build();
        RunContext out = new SchedulerRoleStep().plan(Ctx.base(), s);
        assertEquals(Action.SKIP, Plan.of(out).changes().get(0).action());
        assertEquals("", out.require(ContextKeys.HEARTBEAT).schedulerRoleArn(), "no role: the heartbeat is skipped after it");
        assertEquals(1, s.events().published(io.daylily.ec.api.event.WarningEvent.class).size());

        RunContext off = Ctx.base().with(ContextKeys.HEARTBEAT, new HeartbeatSettings("skip", "rate(60 minutes)", ""));
        assertEquals(PlannedChange.of("IAM role", "eventbridge-scheduler-to-sns", Action.SKIP).with("reason", "heartbeat off"),
                plan(new SchedulerRoleStep(), off, s).get(0));
    }
}
