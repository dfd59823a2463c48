package io.daylily.ec.steps.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.event.WarningEvent;
import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.CreateTopicResponse;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sns.model.Subscription;

/** PARITY §21 / §29.15 and §26. */
class HeartbeatAndLoginTest {
    static final String ARN = "arn:aws:sns:us-west-2:123456789012:daylily-c1-heartbeat";

    @TempDir
    Path dir;

    static SnsException snsError(String code) {
        return (SnsException) SnsException.builder().message(code).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .errorMessage(code).build()).build();
    }

    private RunContext ctx(String email, String role) {
        return RunContext.empty("1").with(ContextKeys.CLUSTER_NAME, "c1").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.ACCOUNT_ID, "123456789012")
                .with(ContextKeys.HEARTBEAT, new HeartbeatSettings(email, "rate(60 minutes)", role));
    }

    private SnsClient sns(Subscription... existing) {
        SnsClient sns = SdkMocks.mock(SnsClient.class);
        when(sns.createTopic(any(CreateTopicRequest.class))).thenReturn(CreateTopicResponse.builder().topicArn(ARN).build());
        when(sns.listSubscriptionsByTopic(any(ListSubscriptionsByTopicRequest.class)))
                .thenReturn(ListSubscriptionsByTopicResponse.builder().subscriptions(existing).build());
        return sns;
    }

    @Test
    void names() {
        assertEquals("daylily-foo-heartbeat", Heartbeat.topicName("foo"));
        assertEquals(64, Heartbeat.scheduleName("a-very-long-cluster-name-that-goes-on-and-on-and-on-and-on-x").length());
        assertEquals(ARN, Heartbeat.topicArn("us-west-2", "123456789012", "c1"));
        assertEquals("Heartbeat for cluster 'c1' at 1770811200 (epoch). Region: us-west-2.", Heartbeat.message("c1", 1770811200, "us-west-2"));
    }

    @Test
    void createsTopicSubscriptionAndSchedule() throws Exception {
        SnsClient sns = sns();
        SchedulerClient sch = mock(SchedulerClient.class);
        TestServices s = TestServices.builder(dir).aws(SnsClient.class, sns).aws(SchedulerClient.class, sch).prompter(ScriptedPrompter.answering()).build();
        RunContext out = new HeartbeatStep().run(ctx("hb@example.com", "arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns"), s);
        verify(sns).subscribe(SubscribeRequest.builder().topicArn(ARN).protocol("email").endpoint("hb@example.com").build());
        ArgumentCaptor<CreateScheduleRequest> req = ArgumentCaptor.forClass(CreateScheduleRequest.class);
        verify(sch).createSchedule(req.capture());
        assertEquals("daylily-c1-heartbeat", req.getValue().name());
        assertEquals("default", req.getValue().groupName());
        assertEquals("rate(60 minutes)", req.getValue().scheduleExpression());
        assertEquals("OFF", req.getValue().flexibleTimeWindow().modeAsString());
        assertEquals("ENABLED", req.getValue().stateAsString());
        assertEquals(ARN, req.getValue().target().arn());
        assertEquals(null, req.getValue().scheduleExpressionTimezone());
        var input = io.daylily.ec.api.Json.mapper().readTree(req.getValue().target().input());
        assertTrue(input.get("default").asText().startsWith("Heartbeat for cluster 'c1' at "));
        assertEquals(ARN, out.require(ContextKeys.HEARTBEAT_TOPIC_ARN));
        assertEquals("daylily-c1-heartbeat", out.require(ContextKeys.HEARTBEAT_SCHEDULE_NAME));
    }

    @Test
    void existingSubscriptionIsNotRepeatedAndAnExistingScheduleIsUpdated() {
        SnsClient sns = sns(Subscription.builder().protocol("email").endpoint("HB@example.com").subscriptionArn("PendingConfirmation").build());
        SchedulerClient sch = mock(SchedulerClient.class);
        when(sch.createSchedule(any(CreateScheduleRequest.class))).thenThrow(ConflictException.builder().message("exists").build());
        TestServices s = TestServices.builder(dir).aws(SnsClient.class, sns).aws(SchedulerClient.class, sch).prompter(ScriptedPrompter.answering()).build();
        new HeartbeatStep().run(ctx("hb@example.com", "arn:role"), s);
        verify(sns, never()).subscribe(any(SubscribeRequest.class));
        verify(sch).updateSchedule(any(UpdateScheduleRequest.class));
    }

    @Test
    void aScheduleThatIsAlreadyRightIsLeftAloneAndADifferentOneUpdated() {
        String topic = ARN;
        for (String[] c : new String[][] {{"arn:role", "rate(60 minutes)", "ENABLED", "0"}, {"arn:other", "rate(60 minutes)", "ENABLED", "1"},
                {"arn:role", "rate(2 hours)", "ENABLED", "1"}, {"arn:role", "rate(60 minutes)", "DISABLED", "1"}}) {
            SnsClient sns = sns(Subscription.builder().protocol("email").endpoint("hb@example.com").build());
            SchedulerClient sch = mock(SchedulerClient.class);
            when(sch.createSchedule(any(CreateScheduleRequest.class))).thenThrow(ConflictException.builder().message("exists").build());
            when(sch.getSchedule(any(software.amazon.awssdk.services.scheduler.model.GetScheduleRequest.class))).thenReturn(
                    software.amazon.awssdk.services.scheduler.model.GetScheduleResponse.builder().scheduleExpression(c[1]).state(c[2])
                            .target(software.amazon.awssdk.services.scheduler.model.Target.builder().arn(topic).roleArn(c[0]).build())
                            .build());
            TestServices s = TestServices.builder(dir).aws(SnsClient.class, sns).aws(SchedulerClient.class, sch)
                    .prompter(ScriptedPrompter.answering()).build();
            new HeartbeatStep().run(ctx("hb@example.com", "arn:role"), s);
            verify(sns, never()).subscribe(any(SubscribeRequest.class));
            verify(sch, times(Integer.parseInt(c[3]))).updateSchedule(any(UpdateScheduleRequest.class));
        }
    }

    @Test
    void forbiddenTopicCreationFallsBackToTheExistingTopic() {
        SnsClient sns = sns();
        when(sns.createTopic(any(CreateTopicRequest.class))).thenThrow(snsError("AuthorizationError"));
        when(sns.getTopicAttributes(any(GetTopicAttributesRequest.class))).thenReturn(GetTopicAttributesResponse.builder().build());
        TestServices s = TestServices.builder(dir).aws(SnsClient.class, sns).aws(SchedulerClient.class, mock(SchedulerClient.class))
                .prompter(ScriptedPrompter.answering()).build();
        assertEquals(ARN, new HeartbeatStep().run(ctx("hb@example.com", "arn:role"), s).require(ContextKeys.HEARTBEAT_TOPIC_ARN));
    }

    @Test
    void failuresAreWarningsNotFailedRuns() {
        SnsClient forbidden = sns();
        when(forbidden.createTopic(any(CreateTopicRequest.class))).thenThrow(snsError("AuthorizationError"));
        when(forbidden.getTopicAttributes(any(GetTopicAttributesRequest.class))).thenThrow(snsError("NotFound"));
        TestServices s = TestServices.builder(dir).aws(SnsClient.class, forbidden).aws(SchedulerClient.class, mock(SchedulerClient.class))
                .prompter(ScriptedPrompter.answering()).build();
        RunContext out = new HeartbeatStep().run(ctx("hb@example.com", "arn:role"), s);
        List<WarningEvent> w = s.events().published(WarningEvent.class);
        assertEquals(1, w.size());
        assertTrue(w.get(0).message().contains("forbidden"), w.get(0).message());
        assertFalse(out.contains(ContextKeys.HEARTBEAT_TOPIC_ARN));

        SnsClient denied = sns();
        when(denied.subscribe(any(SubscribeRequest.class))).thenThrow(snsError("AuthorizationError"));
        TestServices s2 = TestServices.builder(dir).aws(SnsClient.class, denied).aws(SchedulerClient.class, mock(SchedulerClient.class))
                .prompter(ScriptedPrompter.answering()).build();
        new HeartbeatStep().run(ctx("hb@example.com", "arn:role"), s2);
        assertTrue(s2.events().published(WarningEvent.class).get(0).message().contains("subscription"));
    }

    @Test
    void skippedWhenOffOrWithoutRole() {
        SnsClient sns = SdkMocks.mock(SnsClient.class);
        TestServices s = TestServices.builder(dir).aws(SnsClient.class, sns).prompter(ScriptedPrompter.answering()).build();
        new HeartbeatStep().run(ctx("skip", "arn:role"), s);
        new HeartbeatStep().run(ctx("hb@example.com", ""), s);
        verifyNoInteractions(sns);
    }

    @Test
    void loginLineIsTheLastThingSaid() {
        ScriptedPrompter p = ScriptedPrompter.answering();
        TestServices s = TestServices.builder(dir).prompter(p).build();
        RunContext out = new LoginLineStep().run(RunContext.empty("1").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.HEAD_NODE_IP, "5.6.7.8").with(ContextKeys.KEY_PAIR, new io.daylily.ec.api.facts.KeyPair("lab-omics", "/home/u/.ssh/lab-omics.pem")), s);
        assertEquals("ssh -i /home/u/.ssh/lab-omics.pem ubuntu@5.6.7.8", p.said().get(p.said().size() - 1));
        assertEquals("ssh -i /home/u/.ssh/lab-omics.pem ubuntu@5.6.7.8", out.require(ContextKeys.LOGIN_COMMAND));

        TestServices noIp = TestServices.builder(dir).prompter(ScriptedPrompter.answering()).build();
        RunContext o2 = new LoginLineStep().run(RunContext.empty("1").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.HEAD_NODE_INSTANCE_ID, "i-0abc"), noIp);
        assertEquals("aws ssm start-session --target i-0abc --region us-west-2", o2.require(ContextKeys.LOGIN_COMMAND));
    }
}
