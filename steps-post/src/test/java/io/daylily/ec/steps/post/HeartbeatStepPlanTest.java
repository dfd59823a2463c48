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

/** Issues #20, #28: the heartbeat step's inspect reads what exists; its plan and its apply act on that one decision. */
class HeartbeatStepPlanTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns";

    @TempDir
    Path dir;

    private RunContext ctx(String email, String role) {
        return RunContext.empty("1").with(ContextKeys.CLUSTER_NAME, "c1").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.ACCOUNT_ID, "123456789012")
                .with(ContextKeys.HEARTBEAT, new HeartbeatSettings(email, "rate(60 minutes)", role));
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
        RunContext out = new HeartbeatStep().plan(ctx("hb@b.com", ROLE), s);
        assertEquals(List.of("create SNS topic daylily-c1-heartbeat",
                "create SNS email subscription hb@b.com", "create EventBridge schedule daylily-c1-heartbeat"), actions(out));
        assertEquals(ROLE, Plan.of(out).changes().get(2).details().get("role_arn"), "the role the scheduler-role step settled");
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
        assertEquals(List.of("reuse SNS topic daylily-c1-heartbeat",
                "reuse SNS email subscription hb@b.com", "reuse EventBridge schedule daylily-c1-heartbeat"),
                actions(new HeartbeatStep().plan(ctx("hb@b.com", ROLE), s)));
        // the create acts on the same decision: all three as they should be, so nothing is sent
        RunContext applied = new HeartbeatStep().run(ctx("hb@b.com", ROLE), s);
        assertEquals(topic, applied.require(ContextKeys.HEARTBEAT_TOPIC_ARN));
        assertEquals("already_wired", s.events().check("post.heartbeat").details().get("action"));
        verify(sns, never()).createTopic(any(CreateTopicRequest.class));
        verify(sns, never()).subscribe(any(software.amazon.awssdk.services.sns.model.SubscribeRequest.class));
        verify(sch, never()).createSchedule(any(CreateScheduleRequest.class));
        verify(sch, never()).updateSchedule(any(software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest.class));
        when(sch.getSchedule(any(GetScheduleRequest.class))).thenReturn(GetScheduleResponse.builder().scheduleExpression("rate(5 minutes)")
                .state(ScheduleState.ENABLED).target(Target.builder().arn(topic).roleArn(ROLE).build()).build());
        assertEquals("update EventBridge schedule daylily-c1-heartbeat", actions(new HeartbeatStep().plan(ctx("hb@b.com", ROLE), s)).get(2));
    }

    @Test
    void skippedAsTheCreateSkipsIt() {
        TestServices s = TestServices.builder(dir).build();
        RunContext off = new HeartbeatStep().plan(ctx("skip", ""), s);
        assertEquals(List.of("skip heartbeat daylily-c1-heartbeat"), actions(off));
        assertEquals("heartbeat off", Plan.of(off).changes().get(0).details().get("reason"));
        RunContext out = new HeartbeatStep().plan(ctx("hb@b.com", ""), s);
        assertEquals("no scheduler role", Plan.of(out).changes().get(0).details().get("reason"));
    }

    @Test
    void aResourceIsAbsentOnlyWhenAwsSaysSoAndAReadThatFailsOtherwiseSkipsWithAWarning() {
        assertEquals(true, Heartbeat.absent(NotFoundException.builder().message("no").build()));
        assertEquals(true, Heartbeat.absent(ResourceNotFoundException.builder().message("no").build()));
        assertEquals(true, Heartbeat.absent((software.amazon.awssdk.awscore.exception.AwsServiceException)
                software.amazon.awssdk.services.scheduler.model.SchedulerException.builder().statusCode(404).message("x").build()));
        software.amazon.awssdk.awscore.exception.AwsServiceException denied = (software.amazon.awssdk.awscore.exception.AwsServiceException)
                software.amazon.awssdk.services.sns.model.SnsException.builder().statusCode(403).message("x")
                        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder().errorCode("AuthorizationError").build()).build();
        assertEquals(false, Heartbeat.absent(denied));

        SnsClient sns = SdkMocks.mock(SnsClient.class);
        when(sns.getTopicAttributes(any(GetTopicAttributesRequest.class))).thenThrow(denied);
        TestServices s = TestServices.builder(dir).aws(SnsClient.class, sns).aws(SchedulerClient.class, mock(SchedulerClient.class)).build();
        RunContext out = new HeartbeatStep().plan(ctx("hb@b.com", ROLE), s);
        assertEquals(List.of("skip heartbeat daylily-c1-heartbeat"), actions(out));
        assertEquals(1, s.events().published(io.daylily.ec.api.event.WarningEvent.class).size());
        RunContext applied = new HeartbeatStep().run(ctx("hb@b.com", ROLE), s);
        assertEquals(false, applied.contains(ContextKeys.HEARTBEAT_TOPIC_ARN), "nothing wired after a read that failed");
        verify(sns, never()).createTopic(any(CreateTopicRequest.class));
    }
}
