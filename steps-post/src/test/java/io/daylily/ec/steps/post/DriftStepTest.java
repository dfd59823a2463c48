package io.daylily.ec.steps.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetResponse;
import software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetResponse;
import software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationRequest;
import software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationResponse;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.Subscriber;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksResponse;
import software.amazon.awssdk.services.cloudformation.model.DetectStackDriftRequest;
import software.amazon.awssdk.services.cloudformation.model.DetectStackDriftResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** PARITY §24 / §29.17 plus stack drift detection, budget alerts and the heartbeat subscription. */
class DriftStepTest {
    @TempDir
    Path dir;

    CloudFormationClient cfn;
    BudgetsClient budgets;
    SnsClient sns;
    SchedulerClient scheduler;
    StsClient sts;

    @BeforeEach
    void healthy() {
        sts = mock(StsClient.class);
        when(sts.getCallerIdentity(any(GetCallerIdentityRequest.class))).thenReturn(GetCallerIdentityResponse.builder().account("123456789012").build());
        cfn = mock(CloudFormationClient.class);
        when(cfn.describeStacks(any(DescribeStacksRequest.class))).thenReturn(DescribeStacksResponse.builder()
                .stacks(Stack.builder().stackStatus("CREATE_COMPLETE").build()).build());
        when(cfn.detectStackDrift(any(DetectStackDriftRequest.class))).thenReturn(DetectStackDriftResponse.builder().stackDriftDetectionId("d1").build());
        when(cfn.describeStackDriftDetectionStatus(any(DescribeStackDriftDetectionStatusRequest.class))).thenReturn(
                DescribeStackDriftDetectionStatusResponse.builder().detectionStatus("DETECTION_COMPLETE").stackDriftStatus("IN_SYNC").build());
        budgets = mock(BudgetsClient.class);
        when(budgets.describeBudget(any(DescribeBudgetRequest.class))).thenReturn(DescribeBudgetResponse.builder().build());
        when(budgets.describeNotificationsForBudget(any(DescribeNotificationsForBudgetRequest.class))).thenReturn(
                DescribeNotificationsForBudgetResponse.builder().notifications(n(25), n(50), n(75), n(99)).build());
        when(budgets.describeSubscribersForNotification(any(DescribeSubscribersForNotificationRequest.class))).thenReturn(
                DescribeSubscribersForNotificationResponse.builder().subscribers(Subscriber.builder().address("a@b.com").build()).build());
        sns = SdkMocks.mock(SnsClient.class);
        when(sns.getTopicAttributes(any(GetTopicAttributesRequest.class))).thenReturn(GetTopicAttributesResponse.builder().build());
        when(sns.listSubscriptionsByTopic(any(ListSubscriptionsByTopicRequest.class))).thenReturn(ListSubscriptionsByTopicResponse.builder()
                .subscriptions(Subscription.builder().protocol("email").endpoint("hb@b.com").build()).build());
        scheduler = mock(SchedulerClient.class);
        when(scheduler.getSchedule(any(GetScheduleRequest.class))).thenReturn(GetScheduleResponse.builder().build());
    }

    static Notification n(double t) {
        return Notification.builder().threshold(t).build();
    }

    private RunContext state(String json) throws Exception {
        Path f = dir.resolve("state_c1_20260201100000.json");
        Files.writeString(f, json);
        return RunContext.empty("1").with(ContextKeys.STATE_FILE, f.toString());
    }

    static final String FULL = """
            {"cluster_name": "c1", "region": "us-west-2", "region_az": "us-west-2b", "cfn_stack_name": "pcluster-vpc-stack-2b",
             "global_budget_name": "daylily-global", "cluster_budget_name": "da-us-west-2b-c1",
             "heartbeat_topic_arn": "arn:aws:sns:us-west-2:1:daylily-c1-heartbeat", "heartbeat_schedule_name": "daylily-c1-heartbeat",
             "heartbeat_email": "hb@b.com"}
            """;

    private TestServices services() {
        return TestServices.builder(dir).aws(StsClient.class, sts).aws(CloudFormationClient.class, cfn).aws(BudgetsClient.class, budgets)
                .aws(SnsClient.class, sns).aws(SchedulerClient.class, scheduler).prompter(ScriptedPrompter.answering()).build();
    }

    private static Map<String, String> statuses(DriftReport r) {
        return r.checks().stream().collect(Collectors.toMap(DriftReport.Check::id, DriftReport.Check::status));
    }

    @Test
    void inSync() throws Exception {
        RunContext out = new DriftStep().run(state(FULL), services());
        DriftReport r = out.require(DriftStep.REPORT);
        assertFalse(r.hasDrift());
        assertEquals(Map.of("cfn.stack", "OK", "cfn.stack_drift", "OK", "budget.global", "OK", "budget.global.notifications", "OK",
                "budget.cluster", "OK", "budget.cluster.notifications", "OK", "heartbeat.topic", "OK", "heartbeat.subscription", "OK",
                "heartbeat.schedule", "OK"), statuses(r));
        String json = io.daylily.ec.api.Json.write(r);
        assertTrue(json.startsWith("{\n  \"checks\": ["), json);
        assertTrue(json.contains("\"has_drift\": false"));
    }

    @Test
    void eachKindOfDriftIsExitThree() throws Exception {
        when(cfn.describeStacks(any(DescribeStacksRequest.class))).thenReturn(DescribeStacksResponse.builder()
                .stacks(Stack.builder().stackStatus("ROLLBACK_IN_PROGRESS").build()).build());
        when(budgets.describeBudget(DescribeBudgetRequest.builder().accountId("123456789012").budgetName("da-us-west-2b-c1").build()))
                .thenThrow(NotFoundException.builder().message("gone").build());
        when(budgets.describeNotificationsForBudget(any(DescribeNotificationsForBudgetRequest.class))).thenReturn(
                DescribeNotificationsForBudgetResponse.builder().notifications(n(25), n(75)).build());
        when(sns.listSubscriptionsByTopic(any(ListSubscriptionsByTopicRequest.class))).thenReturn(ListSubscriptionsByTopicResponse.builder().build());
        when(scheduler.getSchedule(any(GetScheduleRequest.class))).thenThrow(ResourceNotFoundException.builder().message("no").build());
        RunContext e = new DriftStep().run(state(FULL), services());
        io.daylily.ec.api.Stop stop = io.daylily.ec.api.Stop.in(e).orElseThrow();
        assertEquals(3, stop.exitCode().code());
        assertEquals("drift", stop.reason());
        assertEquals("Drift detected.", stop.message());
        DriftReport r = e.require(DriftStep.REPORT);
        assertTrue(r.hasDrift());
        Map<String, String> st = statuses(r);
        assertEquals("DRIFTED", st.get("cfn.stack"));
        assertEquals("DRIFTED", st.get("budget.cluster"));
        assertEquals("DRIFTED", st.get("budget.global.notifications"), "50 and 99 % alerts missing");
        assertEquals("DRIFTED", st.get("heartbeat.subscription"));
        assertEquals("DRIFTED", st.get("heartbeat.schedule"));
    }

    @Test
    void awsErrorsAreErrorsNotDrift() throws Exception {
        when(cfn.describeStacks(any(DescribeStacksRequest.class))).thenThrow(CloudFormationException.builder().message("boom").build());
        TestServices s = services();
        RunContext e = new DriftStep().run(state(FULL), s);
        io.daylily.ec.api.Stop stop = io.daylily.ec.api.Stop.in(e).orElseThrow();
        assertEquals(2, stop.exitCode().code(), "an AWS error is exit 2, never drift and never 'no drift'");
        assertTrue(stop.message().startsWith("could not read cfn.stack (see above)"), stop.message());
        DriftReport.Check c = e.require(DriftStep.REPORT).checks().get(0);
        assertEquals("ERROR", c.status());
        assertTrue(c.error().contains("boom"));
        assertTrue(((ScriptedPrompter) s.prompter()).said().stream().noneMatch(l -> l.contains("No drift")));
    }

    @Test
    void aDeniedHeartbeatReadIsAnErrorNotDrift() throws Exception {
        software.amazon.awssdk.awscore.exception.AwsErrorDetails denied = software.amazon.awssdk.awscore.exception.AwsErrorDetails
                .builder().errorCode("AccessDenied").errorMessage("not authorized").build();
        when(sns.getTopicAttributes(any(software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest.class))).thenThrow(
                software.amazon.awssdk.services.sns.model.SnsException.builder().awsErrorDetails(denied).message("denied").build());
        when(scheduler.getSchedule(any(GetScheduleRequest.class))).thenThrow(
                software.amazon.awssdk.services.scheduler.model.SchedulerException.builder().awsErrorDetails(denied).message("denied").build());
        RunContext e = new DriftStep().run(state(FULL), services());
        Map<String, String> st = statuses(e.require(DriftStep.REPORT));
        assertEquals("ERROR", st.get("heartbeat.topic"));
        assertEquals("ERROR", st.get("heartbeat.schedule"));
        assertFalse(e.require(DriftStep.REPORT).hasDrift(), "nothing drifted that was read");
        io.daylily.ec.api.Stop unknown = io.daylily.ec.api.Stop.in(e).orElseThrow();
        assertEquals(2, unknown.exitCode().code());
        assertTrue(unknown.message().contains("heartbeat.topic, heartbeat.schedule"), unknown.message());
        // and a topic that is really gone is drift
        when(sns.getTopicAttributes(any(software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest.class))).thenThrow(
                software.amazon.awssdk.services.sns.model.NotFoundException.builder().message("Topic does not exist").build());
        when(scheduler.getSchedule(any(GetScheduleRequest.class))).thenThrow(ResourceNotFoundException.builder().message("no").build());
        RunContext gone = new DriftStep().run(state(FULL), services());
        assertEquals(3, io.daylily.ec.api.Stop.in(gone).orElseThrow().exitCode().code());
        assertEquals("DRIFTED", statuses(gone.require(DriftStep.REPORT)).get("heartbeat.topic"));
    }

    @Test
    void nothingRecordedMeansFewChecksAndAMissingFileIsExitTwo() throws Exception {
        RunContext out = new DriftStep().run(state("{\"region_az\": \"us-west-2b\"}"), services());
        assertTrue(io.daylily.ec.api.Stop.in(out).isEmpty(), "no drift: the run goes on");
        DriftReport r = out.require(DriftStep.REPORT);
        assertEquals("unknown", r.clusterName());
        assertEquals(1, r.checks().size());
        assertEquals("no stack recorded in state", r.checks().get(0).details());
        io.daylily.ec.api.DaylilyException e = assertThrows(io.daylily.ec.api.DaylilyException.class, () -> new DriftStep().run(
                RunContext.empty("1").with(ContextKeys.STATE_FILE, dir.resolve("nope.json").toString()), services()));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains("State file not found"));
        assertFalse(new DriftStep().mutatesAws());
    }
}
