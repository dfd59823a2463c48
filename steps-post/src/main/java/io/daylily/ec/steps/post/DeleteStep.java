package io.daylily.ec.steps.post;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.Poller;
import io.daylily.ec.support.Precedence;
import io.daylily.ec.support.Settings;
import io.daylily.ec.support.pcluster.PclusterClient;
import io.daylily.ec.support.state.StateRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.fsx.FSxClient;
import software.amazon.awssdk.services.fsx.model.DataRepositoryAssociation;
import software.amazon.awssdk.services.fsx.model.DataRepositoryTask;
import software.amazon.awssdk.services.fsx.model.DataRepositoryTaskFilter;
import software.amazon.awssdk.services.fsx.model.DataRepositoryTaskFilterName;
import software.amazon.awssdk.services.fsx.model.DescribeDataRepositoryAssociationsRequest;
import software.amazon.awssdk.services.fsx.model.DescribeDataRepositoryTasksRequest;
import software.amazon.awssdk.services.fsx.model.DescribeFileSystemsRequest;
import software.amazon.awssdk.services.fsx.model.FileSystem;
import software.amazon.awssdk.services.fsx.model.Filter;
import software.amazon.awssdk.services.fsx.model.FilterName;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.DeleteTopicRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

/**
 * {@code delete.cluster} (PARITY §25.1): the cluster must exist; FSx file systems tagged with exactly
 * this cluster name are listed with their active repository associations and export tasks; on a terminal
 * the user types {@code please delete} after being told what goes (the cluster, its FSx, its heartbeat), and
 * without one {@code --yes} is needed (issue #17); then the heartbeat — named by the record, else by its
 * names and the caller's account — is torn
 * down (best effort), {@code pcluster delete-cluster} runs, and the cluster is polled until it is gone
 * (or DELETE_FAILED, exit 2). {@code --dry-run} reports and changes nothing.
 */
public final class DeleteStep implements Step {
    /** Unreadable describe-cluster polls in a row after which the wait gives up (as the create monitor does). */
    static final int MAX_UNREADABLE = 5;

    static final String CONFIRMATION = "please delete";

    @Override
    public String id() {
        return "delete.cluster";
    }

    /** It writes to AWS (pcluster delete-cluster and the heartbeat's schedule and topic): a plain step whose whole run is its apply (issue #28). */
    @Override
    public boolean mutatesAws() {
        return true;
    }

    @Override
    public int order() {
        return Order.POST;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.DELETE);
    }

    @Override
    public String description() {
        return "delete a cluster: FSx warnings, confirmation, heartbeat teardown, pcluster delete-cluster, wait";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        // a missing or unreadable record is exit 1 for delete (PARITY §25)
        StateRecord record = ctx.get(ContextKeys.STATE_FILE).map(f -> StateRecord.read(Path.of(f), ExitCode.VALIDATION))
                .orElse(new StateRecord(null));
        String cluster = ctx.get(ContextKeys.CLUSTER_NAME).orElse(record.clusterName());
        if (cluster.isEmpty()) {
            cluster = s.prompter().ask("cluster_name", "Enter the AWS ParallelCluster cluster name: ");
        }
        String region = ctx.get(ContextKeys.REGION).orElse(record.text(StateRecord.REGION));
        if (region.isEmpty()) {
            region = s.prompter().ask("region", "Enter the AWS region where the cluster is located: ");
        }
        if (cluster.isEmpty() || region.isEmpty()) {
            throw new DaylilyException(ExitCode.VALIDATION, "a cluster name and a region are needed (--cluster-name, --region or --state-file)");
        }
        RunContext c = ctx.with(ContextKeys.CLUSTER_NAME, cluster).with(ContextKeys.REGION, region);
        // Profile: flag > the state record's > AWS_PROFILE > the default chain (support's one Precedence).
        java.util.Optional<String> profile = Precedence.profile(c.get(ContextKeys.AWS_PROFILE).orElse(null),
                record.awsProfile(), s.env());
        if (profile.isPresent()) {
            c = c.with(ContextKeys.AWS_PROFILE, profile.get());
        }
        PclusterClient cli = PclusterClient.of(c, s);

        PclusterClient.Described first = cli.describeCluster(cluster, region);
        if (first.gone()) {
            throw new DaylilyException(ExitCode.VALIDATION, "Cluster '" + cluster + "' does not exist in region '" + region + "'.");
        }
        if (!first.readable()) {
            // a failed describe is not a missing cluster: say what failed, delete nothing
            throw new AwsOperationException("cannot read the status of cluster " + cluster + " in " + region + " ("
                    + first.problem() + "); nothing was deleted. Check it with: pcluster describe-cluster -n " + cluster
                    + " --region " + region);
        }
        String status = first.status();
        List<String> fsx = fileSystems(s.aws().get(FSxClient.class, c), cluster, s);
        boolean dryRun = c.getOrDefault(ContextKeys.DRY_RUN, false);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cluster_name", cluster);
        d.put("region", region);
        d.put("status", status);
        d.put("fsx_file_systems", fsx);
        if (dryRun) {
            d.put("dry_run", true);
            s.events().check(CheckResult.pass(id(), d));
            s.prompter().say("Dry run: cluster " + cluster + " (" + status + ") in " + region + ", FSx " + fsx
                    + ". No AWS resources were changed.");
            return c;
        }
        HeartbeatNames hb = heartbeatNames(c, s, record, cluster, region);
        String what = "cluster " + cluster + " (" + status + ") in " + region + (fsx.isEmpty() ? ", no FSx file system"
                : ", its FSx file systems " + String.join(", ", fsx)) + ", and its heartbeat: schedule " + hb.schedule()
                + (hb.topicArn().isEmpty() ? " (the topic cannot be named: the account is unknown)" : ", topic " + hb.topicArn());
        if (!c.getOrDefault(ContextKeys.ASSUME_YES, false)) {
            // issue #17: a delete asks on a terminal whatever it deletes; without a terminal it needs --yes
            if (!s.prompter().interactive()) {
                throw new DaylilyException(ExitCode.VALIDATION, "delete under --non-interactive needs --yes; it would delete "
                        + what + ". Nothing was deleted.", "confirmation_required", null);
            }
            if (!fsx.isEmpty()) {
                s.prompter().say("FSx file systems of this cluster: " + String.join(", ", fsx)
                        + " — export anything you need to S3 first; DeletionPolicy decides whether they are kept.");
            }
            s.prompter().say("This deletes " + what + ".");
            String answer = s.prompter().ask("delete_confirmation", "Type '" + CONFIRMATION + "' to proceed with cluster deletion: ");
            if (!CONFIRMATION.equals(answer.strip())) {
                throw new DaylilyException(ExitCode.VALIDATION, "Aborting cluster deletion.", "user_abort", null);
            }
        }
        // from here on AWS changes: the delete's state record starts now (nothing refused before this leaves one)
        s.events().publish(new io.daylily.ec.api.event.ResourceTouched(StateRecord.CLUSTER_NAME, cluster));
        teardownHeartbeat(c, s, hb);
        PclusterClient.Result del = cli.delete(cluster, region);
        if (del.exitCode() != 0 || del.timedOut()) {
            throw new AwsOperationException("pcluster delete-cluster failed (" + del.problem() + ")");
        }
        waitGone(s, cli, cluster, region);
        d.put("deleted", true);
        s.events().check(CheckResult.pass(id(), d));
        s.prompter().say("Cluster " + cluster + " deleted.");
        return c;
    }

    static List<String> fileSystems(FSxClient fsx, String cluster, StepServices s) {
        List<String> ids = new ArrayList<>();
        try {
            // the SDK's paginator follows NextToken (every page, PARITY §25 step 3)
            for (FileSystem f : fsx.describeFileSystemsPaginator(DescribeFileSystemsRequest.builder().build()).stream()
                    .flatMap(page -> page.fileSystems().stream()).toList()) {
                boolean ours = f.tags().stream().anyMatch(t -> "parallelcluster:cluster-name".equals(t.key()) && cluster.equals(t.value()));
                if (ours) {
                    ids.add(f.fileSystemId());
                }
            }
            for (String id : ids) {
                List<DataRepositoryAssociation> dras = fsx.describeDataRepositoryAssociations(DescribeDataRepositoryAssociationsRequest
                        .builder().filters(Filter.builder().name(FilterName.FILE_SYSTEM_ID).values(id).build()).build()).associations();
                for (DataRepositoryAssociation a : dras) {
                    if (Set.of("AVAILABLE", "CREATING", "UPDATING", "MISCONFIGURED").contains(a.lifecycleAsString())) {
                        s.prompter().say("  ⚠ " + id + ": data repository association " + a.associationId() + " ("
                                + a.dataRepositoryPath() + ") is " + a.lifecycleAsString());
                    }
                }
                List<DataRepositoryTask> tasks = fsx.describeDataRepositoryTasks(DescribeDataRepositoryTasksRequest.builder()
                        .filters(DataRepositoryTaskFilter.builder().name(DataRepositoryTaskFilterName.FILE_SYSTEM_ID).values(id).build(),
                                DataRepositoryTaskFilter.builder().name(DataRepositoryTaskFilterName.TASK_LIFECYCLE)
                                        .values("PENDING", "EXECUTING").build()).build()).dataRepositoryTasks();
                for (DataRepositoryTask t : tasks) {
                    if ("EXPORT_TO_REPOSITORY".equals(t.typeAsString())) {
                        s.prompter().say("  ⚠ " + id + ": export task " + t.taskId() + " is " + t.lifecycleAsString());
                    }
                }
            }
        } catch (SdkException e) {
            s.events().warn("delete.cluster", "cannot list FSx file systems: " + AwsErrors.text(e));
        }
        return ids;
    }

    /** The heartbeat resources of the cluster: from the record, else by their names (issue #17: no record needed). */
    record HeartbeatNames(String cluster, String schedule, String topicArn) {
    }

    private static HeartbeatNames heartbeatNames(RunContext c, StepServices s, StateRecord record, String cluster, String region) {
        String schedule = record.text(StateRecord.HEARTBEAT_SCHEDULE_NAME);
        if (schedule.isEmpty()) {
            schedule = Heartbeat.scheduleName(cluster);
        }
        String topic = record.text(StateRecord.HEARTBEAT_TOPIC_ARN);
        if (topic.isEmpty()) {
            String account = record.accountId();
            if (account.isEmpty()) {
                try {
                    account = s.aws().get(StsClient.class, c).getCallerIdentity(GetCallerIdentityRequest.builder().build()).account();
                } catch (SdkException e) {
                    s.events().warn("delete.cluster", "the heartbeat topic cannot be named: the account is unknown ("
                            + AwsErrors.text(e) + "); remove " + Heartbeat.topicName(cluster) + " by hand if it exists");
                    account = "";
                }
            }
            topic = account == null || account.isEmpty() ? "" : Heartbeat.topicArn(region, account, cluster);
        }
        return new HeartbeatNames(cluster, schedule, topic);
    }

    private void teardownHeartbeat(RunContext c, StepServices s, HeartbeatNames hb) {
        String schedule = hb.schedule();
        String cluster = hb.cluster();
        try {
            s.aws().get(SchedulerClient.class, c).deleteSchedule(DeleteScheduleRequest.builder().name(schedule).groupName("default").build());
        } catch (SdkException e) {
            ignoreNotFound(s, "schedule " + schedule, e);
        }
        try {
            s.aws().get(LambdaClient.class, c).deleteFunction(DeleteFunctionRequest.builder().functionName(Heartbeat.topicName(cluster)).build());
        } catch (SdkException e) {
            ignoreNotFound(s, "function " + Heartbeat.topicName(cluster), e);
        }
        String topic = hb.topicArn();
        if (!topic.isEmpty()) {
            try {
                s.aws().get(SnsClient.class, c).deleteTopic(DeleteTopicRequest.builder().topicArn(topic).build());
            } catch (SdkException e) {
                ignoreNotFound(s, "topic " + topic, e);
            }
        }
    }

    private static void ignoreNotFound(StepServices s, String what, SdkException e) {
        String m = String.valueOf(e.getMessage());
        boolean gone = AwsErrors.kind(e) == AwsErrors.Kind.NOT_FOUND || m.contains("NotFound") || m.contains("not found")
                || m.contains("does not exist");
        if (!gone) {
            s.events().warn("delete.cluster", "heartbeat teardown: " + what + ": " + AwsErrors.text(e));
        }
    }

    private void waitGone(StepServices s, PclusterClient cli, String cluster, String region) {
        String follow = "follow it with: pcluster describe-cluster -n " + cluster + " --region " + region;
        String[] last = {null};
        Poller poller = new Poller(s.clock(), Settings.DELETE_POLL_SECONDS.duration(s.env()),
                Settings.DELETE_TIMEOUT_MINUTES.duration(s.env()), MAX_UNREADABLE);
        try {
            poller.await(() -> {
                PclusterClient.Described now = cli.describeCluster(cluster, region);
                if (now.gone()) {
                    return Poller.done(true);
                }
                String st = now.status();
                if (st == null) {
                    // not "deleted": a deletion is reported only when pcluster says the cluster no longer exists
                    return Poller.unreadable(now.problem());
                }
                s.prompter().progress("cluster " + cluster + ": " + st);
                if (!st.equals(last[0])) {
                    s.prompter().say("  " + st);
                    last[0] = st;
                }
                if (st.equals("DELETE_FAILED")) {
                    throw new AwsOperationException("cluster " + cluster + " is DELETE_FAILED; see the CloudFormation stack "
                            + cluster + " in " + region + " for the resource that could not be deleted");
                }
                return Poller.pending(st);
            }, new Poller.Ending() {
                @Override
                public RuntimeException timedOut(String lastStatus, Duration waited) {
                    return new AwsOperationException(lastStatus == null ? "the status of cluster " + cluster
                            + " could not be read before the timeout; " + follow : "cluster " + cluster + " still " + lastStatus
                            + "; " + follow);
                }

                @Override
                public RuntimeException unreadable(String lastProblem, int times) {
                    return new AwsOperationException("could not confirm the deletion of cluster " + cluster + ": "
                            + lastProblem + " (" + times + " times in a row); " + follow);
                }

                @Override
                public RuntimeException interrupted() {
                    return new AwsOperationException("interrupted while waiting for the deletion of " + cluster);
                }
            });
        } finally {
            s.prompter().progressDone();
        }
    }
}
