package io.daylily.ec.steps.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.testing.FakeProcessRunner;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.fsx.FSxClient;
import software.amazon.awssdk.services.fsx.model.DescribeDataRepositoryAssociationsRequest;
import software.amazon.awssdk.services.fsx.model.DescribeDataRepositoryAssociationsResponse;
import software.amazon.awssdk.services.fsx.model.DescribeDataRepositoryTasksRequest;
import software.amazon.awssdk.services.fsx.model.DescribeDataRepositoryTasksResponse;
import software.amazon.awssdk.services.fsx.model.DescribeFileSystemsRequest;
import software.amazon.awssdk.services.fsx.model.DescribeFileSystemsResponse;
import software.amazon.awssdk.services.fsx.model.FileSystem;
import software.amazon.awssdk.services.fsx.model.Tag;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.DeleteTopicRequest;
import software.amazon.awssdk.services.sts.StsClient;

/** PARITY §25.1: confirmation paths, dry run, not found, DELETE_FAILED, heartbeat teardown. */
class DeleteStepTest {
    @TempDir
    Path dir;

    SchedulerClient scheduler = mock(SchedulerClient.class);
    LambdaClient lambda = mock(LambdaClient.class);
    SnsClient sns = SdkMocks.mock(SnsClient.class);
    StsClient sts = stsOf("123456789012");

    static StsClient stsOf(String account) {
        StsClient c = mock(StsClient.class);
        when(c.getCallerIdentity(any(software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest.class))).thenReturn(
                software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse.builder().account(account).build());
        return c;
    }

    static FSxClient fsx(boolean withFs) {
        FSxClient f = SdkMocks.mock(FSxClient.class);
        DescribeFileSystemsResponse.Builder r = DescribeFileSystemsResponse.builder();
        if (withFs) {
            r.fileSystems(FileSystem.builder().fileSystemId("fs-0abc").tags(Tag.builder().key("parallelcluster:cluster-name").value("c1").build()).build(),
                    FileSystem.builder().fileSystemId("fs-other").tags(Tag.builder().key("parallelcluster:cluster-name").value("c1-old").build()).build());
        }
        when(f.describeFileSystems(any(DescribeFileSystemsRequest.class))).thenReturn(r.build());
        when(f.describeDataRepositoryAssociations(any(DescribeDataRepositoryAssociationsRequest.class)))
                .thenReturn(DescribeDataRepositoryAssociationsResponse.builder().build());
        when(f.describeDataRepositoryTasks(any(DescribeDataRepositoryTasksRequest.class))).thenReturn(DescribeDataRepositoryTasksResponse.builder().build());
        return f;
    }

    /** A fake pcluster whose describe-cluster answers come from a queue; "GONE" = exit 1 (does not exist). */
    static FakeProcessRunner pcluster(String... statuses) {
        Deque<String> q = new ArrayDeque<>(List.of(statuses));
        return new FakeProcessRunner().on("pcluster", spec -> {
            if (spec.argv().get(1).equals("delete-cluster")) {
                return FakeProcessRunner.result(0, "{\"cluster\": {\"clusterStatus\": \"DELETE_IN_PROGRESS\"}}", "");
            }
            String st = q.size() > 1 ? q.removeFirst() : q.peekFirst();
            if (st.equals("DENIED")) {
                return FakeProcessRunner.result(1, "{\"message\": \"An error occurred (AccessDeniedException): not authorized\"}", "");
            }
            if (st.equals("NOCREDS")) {
                return FakeProcessRunner.result(1, "", "");
            }
            return st.equals("GONE") ? FakeProcessRunner.result(1, "{\"message\": \"Cluster 'c1' does not exist\"}", "")
                    : FakeProcessRunner.result(0, "{\"clusterStatus\": \"" + st + "\"}", "");
        });
    }

    private TestServices services(FakeProcessRunner p, FSxClient f, ScriptedPrompter prompter) {
        return TestServices.builder(dir).processes(p).prompter(prompter).aws(FSxClient.class, f).aws(SchedulerClient.class, scheduler)
                .aws(LambdaClient.class, lambda).aws(SnsClient.class, sns).aws(StsClient.class, sts)
                .env("DAYLILY_DELETE_POLL_SECONDS", "15").build();
    }

    private RunContext ctx() {
        return RunContext.empty("1").with(ContextKeys.CLUSTER_NAME, "c1").with(ContextKeys.REGION, "us-west-2");
    }

    @Test
    void deletesAfterTheExactConfirmationTearingDownTheHeartbeat() throws Exception {
        Path state = dir.resolve("state.json");
        Files.writeString(state, "{\"cluster_name\": \"c1\", \"region\": \"us-west-2\", \"account_id\": \"123456789012\","
                + " \"heartbeat_topic_arn\": \"arn:aws:sns:us-west-2:123456789012:daylily-c1-heartbeat\", \"heartbeat_schedule_name\": \"daylily-c1-heartbeat\"}");
        FakeProcessRunner p = pcluster("CREATE_COMPLETE", "DELETE_IN_PROGRESS", "GONE");
        when(lambda.deleteFunction(any(DeleteFunctionRequest.class))).thenThrow(ResourceNotFoundException.builder().message("Function not found").build());
        TestServices s = services(p, fsx(true), ScriptedPrompter.answering("  please delete  "));
        new DeleteStep().run(RunContext.empty("1").with(ContextKeys.STATE_FILE, state.toString()), s);
        verify(scheduler).deleteSchedule(DeleteScheduleRequest.builder().name("daylily-c1-heartbeat").groupName("default").build());
        verify(sns).deleteTopic(DeleteTopicRequest.builder().topicArn("arn:aws:sns:us-west-2:123456789012:daylily-c1-heartbeat").build());
        assertTrue(p.runs().stream().anyMatch(r -> r.argv().equals(List.of("pcluster", "delete-cluster", "-n", "c1", "--region", "us-west-2"))));
        assertEquals(List.of("fs-0abc"), s.events().check("delete.cluster").details().get("fsx_file_systems"), "exact tag value only");
        assertTrue(s.events().published(io.daylily.ec.api.event.WarningEvent.class).isEmpty(), "not-found teardown errors are quiet");
        assertEquals(1, s.clock().sleeps().size());
    }

    @Test
    void anythingButTheExactPhraseAborts() {
        FakeProcessRunner p = pcluster("CREATE_COMPLETE");
        DaylilyException e = assertThrows(DaylilyException.class, () -> new DeleteStep().run(ctx(), services(p, fsx(true),
                ScriptedPrompter.answering("yes"))));
        assertEquals(1, e.exitCode().code());
        assertEquals("Aborting cluster deletion.", e.getMessage());
        assertTrue(p.runs().stream().noneMatch(r -> r.argv().contains("delete-cluster")));
        verifyNoInteractions(scheduler, sns);
        assertEquals("confirmation_required", assertThrows(DaylilyException.class, () -> new DeleteStep().run(ctx(),
                services(pcluster("CREATE_COMPLETE"), fsx(true), ScriptedPrompter.nonInteractive())), "non-interactive without --yes")
                .reason());
    }

    @Test
    void withoutATerminalDeleteNeedsYesAndSaysWhatItWouldDelete() {
        FakeProcessRunner p = pcluster("CREATE_COMPLETE", "GONE");
        TestServices s = services(p, fsx(false), ScriptedPrompter.nonInteractive());
        DaylilyException e = assertThrows(DaylilyException.class, () -> new DeleteStep().run(ctx(), s));
        assertEquals(1, e.exitCode().code());
        assertEquals("confirmation_required", e.reason());
        assertEquals("delete under --non-interactive needs --yes; it would delete cluster c1 (CREATE_COMPLETE) in us-west-2,"
                + " no FSx file system, and its heartbeat: schedule daylily-c1-heartbeat, topic"
                + " arn:aws:sns:us-west-2:123456789012:daylily-c1-heartbeat. Nothing was deleted.", e.getMessage());
        assertTrue(p.runs().stream().noneMatch(r -> r.argv().contains("delete-cluster")));
        verifyNoInteractions(scheduler, lambda);
        verify(sns, never()).deleteTopic(any(DeleteTopicRequest.class));
    }

    @Test
    void onATerminalItAsksEvenWithoutFsxNamingTheHeartbeatItFoundWithoutARecord() {
        FakeProcessRunner p = pcluster("CREATE_COMPLETE", "GONE");
        ScriptedPrompter ui = ScriptedPrompter.answering("please delete");
        TestServices s = services(p, fsx(false), ui);
        new DeleteStep().run(ctx(), s);
        assertTrue(ui.said().contains("This deletes cluster c1 (CREATE_COMPLETE) in us-west-2, no FSx file system, and its heartbeat:"
                + " schedule daylily-c1-heartbeat, topic arn:aws:sns:us-west-2:123456789012:daylily-c1-heartbeat."), ui.said().toString());
        // no state file: the topic is found by its name in the caller's account (STS), and removed
        verify(sns).deleteTopic(DeleteTopicRequest.builder().topicArn("arn:aws:sns:us-west-2:123456789012:daylily-c1-heartbeat").build());
        verify(scheduler).deleteSchedule(DeleteScheduleRequest.builder().name("daylily-c1-heartbeat").groupName("default").build());
        assertTrue(p.runs().stream().anyMatch(r -> r.argv().contains("delete-cluster")));
    }

    @Test
    void anUnknownAccountLeavesTheTopicUnnamedAndSaysSo() {
        sts = mock(StsClient.class);
        when(sts.getCallerIdentity(any(software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest.class))).thenThrow(
                software.amazon.awssdk.core.exception.SdkClientException.builder().message("Unable to load credentials").build());
        FakeProcessRunner p = pcluster("CREATE_COMPLETE", "GONE");
        TestServices s = services(p, fsx(false), ScriptedPrompter.nonInteractive());
        new DeleteStep().run(ctx().with(ContextKeys.ASSUME_YES, true), s);
        verify(sns, never()).deleteTopic(any(DeleteTopicRequest.class));
        verify(scheduler).deleteSchedule(any(DeleteScheduleRequest.class));
        assertTrue(s.events().published(io.daylily.ec.api.event.WarningEvent.class).get(0).message().startsWith(
                "the heartbeat topic cannot be named: the account is unknown (Unable to load credentials); remove"
                        + " daylily-c1-heartbeat by hand"), s.events().published(io.daylily.ec.api.event.WarningEvent.class).toString());
    }

    @Test
    void noFsxOrYesNeedsNoConfirmation() {
        FakeProcessRunner q = pcluster("CREATE_COMPLETE", "GONE");
        new DeleteStep().run(ctx().with(ContextKeys.ASSUME_YES, true), services(q, fsx(true), ScriptedPrompter.nonInteractive()));
        assertTrue(q.runs().stream().anyMatch(r -> r.argv().contains("delete-cluster")));
    }

    @Test
    void dryRunChangesNothing() {
        FakeProcessRunner p = pcluster("CREATE_COMPLETE");
        TestServices s = services(p, fsx(true), ScriptedPrompter.answering("please delete"));
        new DeleteStep().run(ctx().with(ContextKeys.DRY_RUN, true), s);
        assertTrue(p.runs().stream().noneMatch(r -> r.argv().contains("delete-cluster")));
        verifyNoInteractions(scheduler, sns, lambda);
        assertTrue(((ScriptedPrompter) s.prompter()).said().get(0).contains("No AWS resources were changed."));
    }

    @Test
    void notFoundAndDeleteFailed() {
        DaylilyException nf = assertThrows(DaylilyException.class, () -> new DeleteStep().run(ctx(), services(pcluster("GONE"), fsx(false),
                ScriptedPrompter.answering("please delete"))));
        assertEquals("Cluster 'c1' does not exist in region 'us-west-2'.", nf.getMessage());
        assertEquals(1, nf.exitCode().code());
        AwsOperationException df = assertThrows(AwsOperationException.class, () -> new DeleteStep().run(ctx(),
                services(pcluster("CREATE_COMPLETE", "DELETE_IN_PROGRESS", "DELETE_FAILED"), fsx(false), ScriptedPrompter.answering("please delete"))));
        assertEquals(2, df.exitCode().code());
        assertTrue(df.getMessage().contains("DELETE_FAILED"));
        verify(lambda, never()).invoke(any(software.amazon.awssdk.services.lambda.model.InvokeRequest.class));
    }

    @Test
    void aDescribeThatFailsIsNotAMissingClusterAndNothingIsDeleted() {
        for (String failure : new String[] {"DENIED", "NOCREDS"}) {
            FakeProcessRunner p = pcluster(failure);
            AwsOperationException e = assertThrows(AwsOperationException.class, () -> new DeleteStep().run(ctx(),
                    services(p, fsx(false), ScriptedPrompter.answering("please delete"))), failure);
            assertEquals(2, e.exitCode().code(), failure);
            assertTrue(e.getMessage().contains("nothing was deleted"), e.getMessage());
            assertTrue(p.runs().stream().noneMatch(r -> r.argv().contains("delete-cluster")), failure);
        }
        assertTrue(assertThrows(AwsOperationException.class, () -> new DeleteStep().run(ctx(), services(pcluster("DENIED"), fsx(false),
                ScriptedPrompter.answering("please delete")))).getMessage().contains("AccessDeniedException"), "the cause is named");
    }

    @Test
    void theWaitReportsADeletionOnlyWhenPclusterSaysTheClusterIsGone() {
        // four unreadable polls in the wait, then gone: deleted
        FakeProcessRunner p = pcluster("CREATE_COMPLETE", "DENIED", "DENIED", "DENIED", "DENIED", "GONE");
        TestServices s = services(p, fsx(false), ScriptedPrompter.answering("please delete"));
        new DeleteStep().run(ctx(), s);
        assertEquals(true, s.events().check("delete.cluster").details().get("deleted"));
        assertEquals(6, p.runs().stream().filter(r -> r.argv().get(1).equals("describe-cluster")).count());
        // five in a row: exit 2, never "deleted"
        FakeProcessRunner q = pcluster("CREATE_COMPLETE", "DENIED");
        TestServices t = services(q, fsx(false), ScriptedPrompter.answering("please delete"));
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new DeleteStep().run(ctx(), t));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().startsWith("could not confirm the deletion of cluster c1"), e.getMessage());
        assertEquals(1 + DeleteStep.MAX_UNREADABLE, q.runs().stream().filter(r -> r.argv().get(1).equals("describe-cluster")).count());
        assertTrue(t.events().checks().stream().noneMatch(c -> c.id().equals("delete.cluster")), "no record of a deletion it never saw");
        assertTrue(((ScriptedPrompter) t.prompter()).said().stream().noneMatch(l -> l.contains("deleted.")));
    }

    /** Every page of file systems is read: the SDK's paginator follows NextToken (PARITY §25 step 3). */
    @Test
    void fileSystemsOnEveryPageAreFound() {
        FSxClient f = SdkMocks.mock(FSxClient.class);
        when(f.describeFileSystems(any(DescribeFileSystemsRequest.class))).thenAnswer(inv -> {
            DescribeFileSystemsRequest req = inv.getArgument(0);
            FileSystem fs = FileSystem.builder().fileSystemId(req.nextToken() == null ? "fs-page1" : "fs-page2")
                    .tags(Tag.builder().key("parallelcluster:cluster-name").value("c1").build()).build();
            return DescribeFileSystemsResponse.builder().fileSystems(fs).nextToken(req.nextToken() == null ? "t2" : null).build();
        });
        when(f.describeDataRepositoryAssociations(any(DescribeDataRepositoryAssociationsRequest.class)))
                .thenReturn(DescribeDataRepositoryAssociationsResponse.builder().build());
        when(f.describeDataRepositoryTasks(any(DescribeDataRepositoryTasksRequest.class))).thenReturn(DescribeDataRepositoryTasksResponse.builder().build());
        TestServices s = TestServices.builder(dir).build();
        assertEquals(List.of("fs-page1", "fs-page2"), DeleteStep.fileSystems(f, "c1", s));
    }

    /** The wait for the deletion ends at its timeout, naming the last status it read — or that it read none. */
    @Test
    void theWaitTimesOutNamingWhatItLastRead() {
        TestServices still = TestServices.builder(dir).processes(pcluster("CREATE_COMPLETE", "DELETE_IN_PROGRESS"))
                .prompter(ScriptedPrompter.answering("please delete")).aws(FSxClient.class, fsx(false)).aws(SchedulerClient.class, scheduler)
                .aws(LambdaClient.class, lambda).aws(SnsClient.class, sns).aws(StsClient.class, sts)
                .env("DAYLILY_DELETE_POLL_SECONDS", "60").env("DAYLILY_DELETE_TIMEOUT_MINUTES", "2").build();
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new DeleteStep().run(ctx(), still));
        assertTrue(e.getMessage().startsWith("cluster c1 still DELETE_IN_PROGRESS; follow it with: pcluster describe-cluster"),
                e.getMessage());
        TestServices unread = TestServices.builder(dir).processes(pcluster("CREATE_COMPLETE", "DENIED"))
                .prompter(ScriptedPrompter.answering("please delete")).aws(FSxClient.class, fsx(false)).aws(SchedulerClient.class, scheduler)
                .aws(LambdaClient.class, lambda).aws(SnsClient.class, sns).aws(StsClient.class, sts)
                .env("DAYLILY_DELETE_POLL_SECONDS", "60").env("DAYLILY_DELETE_TIMEOUT_MINUTES", "1").build();
        AwsOperationException u = assertThrows(AwsOperationException.class, () -> new DeleteStep().run(ctx(), unread));
        assertTrue(u.getMessage().startsWith("the status of cluster c1 could not be read before the timeout"), u.getMessage());
        assertTrue(unread.events().checks().stream().noneMatch(c -> c.id().equals("delete.cluster")), "no deletion reported");
    }
}
