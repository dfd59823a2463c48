package io.daylily.ec.steps.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

/** Issue #20: the heartbeat's plan, from read requests only, as the heartbeat step would wire it. */
class PostPlanStepTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns";

    @TempDir
    Path dir;

    private RunContext ctx(String email, PlannedChange role) {
        RunContext c = RunContext.empty("1").with(ContextKeys.CLUSTER_NAME, "c1").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.ACCOUNT_ID, "123456789012")
                .with(ContextKeys.HEARTBEAT, new HeartbeatSettings(email, "rate(60 minutes)", ""));
        return role == null ? c : Plan.add(c, List.of(role));
    }

    private static List<String> actions(RunContext out) {
        return Plan.of(out).changes().stream().map(c -> c.action().label() + " " + c.resource() + " " + c.name()).toList();
    }

    @Test
    void aFreshAccountGetsTopicSubscriptionAndScheduleAndNothingIsSent() {
        SnsClient sns = SdkMocks.mock(SnsClient.class);
        when(sns.getTopicAttributes(any(GetTopicAttributesRequest.class))).thenThrow(NotFoundException.builder().message("no").build());
        SchedulerClient sch = mock(SchedulerClient.class);
        when(sch.getSchedule(any(GetScheduleRequest.class))).thenThrow(ResourceNotFoundException.builder().message("no").build());
        TestServices s = TestServices.builder(dir).aws(SnsClient.class, sns).aws(SchedulerClient.class, sch).build();
        RunContext out = new PostPlanStep().run(ctx("hb@b.com", PlannedChange.of("IAM role", "eventbridge-scheduler-to-sns", Action.CREATE)), s);
        assertEquals(List.of("create IAM role eventbridge-scheduler-to-sns", "create SNS topic daylily-c1-heartbeat",
                "create SNS email subscription hb@b.com", "create EventBridge schedule daylily-c1-heartbeat"), actions(out));
        assertEquals(ROLE, Plan.of(out).changes().get(3).details().get("role_arn"), "the role the create makes, by its ARN");
        verify(sns, never()).createTopic(any(CreateTopicRequest.class));
        verify(sch, never()).createSchedule(any(CreateScheduleRequest.class));
    }

    @Test
    void aWiredHeartbeatIsReusedAndAScheduleThatDiffersIsUpdated() {
        String topic = "arn:aws:sns:us-west-2:123456789012:daylily-c1-heartbeat";
        SnsClient sns = SdkMocks.mock(SnsClient.class);
        when(sns.getTopicAttributes(any(GetTopicAttributesRequest.class))).thenReturn(GetTopicAttributesResponse.builder().build());
        when(sns.listSubscriptionsByTopic(any(ListSubscriptionsByTopicRequest.class))).thenReturn(ListSubscriptionsByTopicResponse
                .builder().subscriptions(Subscription.builder().protocol("email").endpoint("HB@b.com").build()).build());
        SchedulerClient sch = mock(SchedulerClient.class);
        when(sch.getSchedule(any(GetScheduleRequest.class))).thenReturn(GetScheduleResponse.builder().scheduleExpression("rate(60 minutes)")
                .state(ScheduleState.ENABLED).target(Target.builder().arn(topic).roleArn(ROLE).build()).build());
        TestServices s = TestServices.builder(dir).aws(SnsClient.class, sns).aws(SchedulerClient.class, sch).build();
        PlannedChange found = PlannedChange.of("IAM role", "eventbridge-scheduler-to-sns", Action.REUSE).with("arn", ROLE);
        assertEquals(List.of("reuse IAM role eventbridge-scheduler-to-sns", "reuse SNS topic daylily-c1-heartbeat",
                "reuse SNS email subscription hb@b.com", "reuse EventBridge schedule daylily-c1-heartbeat"),
                actions(new PostPlanStep().run(ctx("hb@b.com", found), s)));
        when(sch.getSchedule(any(GetScheduleRequest.class))).thenReturn(GetScheduleResponse.builder().scheduleExpression("rate(5 minutes)")
                .state(ScheduleState.ENABLED).target(Target.builder().arn(topic).roleArn(ROLE).build()).build());
        assertEquals("update EventBridge schedule daylily-c1-heartbeat", actions(new PostPlanStep().run(ctx("hb@b.com", found), s)).get(3));
    }

    @Test
    void skippedAsTheCreateSkipsIt() {
        TestServices s = TestServices.builder(dir).build();
        assertEquals(List.of("skip heartbeat daylily-c1-heartbeat"), actions(new PostPlanStep().run(ctx("skip", null), s)));
        PlannedChange noRole = PlannedChange.of("IAM role", "eventbridge-scheduler-to-sns", Action.SKIP).with("reason", "denied");
        RunContext out = new PostPlanStep().run(ctx("hb@b.com", noRole), s);
        assertEquals("skip heartbeat daylily-c1-heartbeat", actions(out).get(1));
        assertEquals("no scheduler role: denied", Plan.of(out).changes().get(1).details().get("reason"));
    }

    @Test
    void theScheduleRoleIsTheConfiguredOneThenTheOneFoundThenTheOneTheCreateMakes() {
        HeartbeatSettings configured = new HeartbeatSettings("hb@b.com", "rate(1 hour)", "arn:aws:iam::1:role/mine");
        HeartbeatSettings none = new HeartbeatSettings("hb@b.com", "rate(1 hour)", "");
        assertEquals("arn:aws:iam::1:role/mine", PostPlanStep.roleArn(configured, Optional.empty(), "123456789012"));
        assertEquals("arn:aws:iam::1:role/env", PostPlanStep.roleArn(none,
                Optional.of(PlannedChange.of("IAM role", "arn:aws:iam::1:role/env", Action.REUSE)), "123456789012"));
        assertEquals("arn:aws:iam::1:role/daylily-eventbridge-scheduler", PostPlanStep.roleArn(none, Optional.of(PlannedChange.of(
                "IAM role", "daylily-eventbridge-scheduler", Action.REUSE).with("arn", "arn:aws:iam::1:role/daylily-eventbridge-scheduler")),
                "123456789012"));
        assertEquals(ROLE, PostPlanStep.roleArn(none, Optional.empty(), "123456789012"));
    }
}
