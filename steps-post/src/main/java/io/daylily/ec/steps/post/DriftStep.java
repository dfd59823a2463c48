package io.daylily.ec.steps.post;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.AwsTarget;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.Stop;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.Poller;
import io.daylily.ec.support.Precedence;
import io.daylily.ec.support.state.StateRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeNotificationsForBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeSubscribersForNotificationRequest;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cloudformation.model.DetectStackDriftRequest;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

/**
 * {@code drift.check} (PARITY §24 plus the brief's additions): compares a state record with AWS —
 * the baseline stack's status and CloudFormation drift detection, both budgets with their alerts and
 * subscribers, the heartbeat topic, its email subscription and the schedule. Read-only (the runtime
 * refuses any mutating call). DRIFTED anywhere → exit 3; a state file or AWS context that cannot be
 * used → exit 2.
 */
public final class DriftStep implements Step {
    /** The stack's drift detection did not finish in time, or the wait was interrupted: what it said last is reported. */
    private static final class StillDetecting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StillDetecting() {
            super(null, null, false, false);
        }
    }

    private static final Poller.Ending STILL_DETECTING = new Poller.Ending() {
        @Override
        public RuntimeException timedOut(String lastStatus, Duration waited) {
            return new StillDetecting();
        }

        @Override
        public RuntimeException unreadable(String lastProblem, int times) {
            return new StillDetecting(); // not reached: a failed call throws its SdkException
        }

        @Override
        public RuntimeException interrupted() {
            return new StillDetecting();
        }
    };

    public static final ContextKey<DriftReport> REPORT = ContextKey.of("drift_report", DriftReport.class);

    @Override
    public String id() {
        return "drift.check";
    }

    @Override
    public int order() {
        return Order.POST;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.DRIFT);
    }

    @Override
    public boolean mutatesAws() {
        return false;
    }

    @Override
    public String description() {
        return "compare a state record with AWS (read-only)";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        // a missing or unreadable record is exit 2 for drift (PARITY §24)
        StateRecord st = StateRecord.read(Path.of(ctx.require(ContextKeys.STATE_FILE)), ExitCode.AWS);
        String region = st.region();
        if (region.isEmpty()) {
            throw new AwsOperationException("the state record names no region; cannot check it");
        }
        // Profile: flag > the state record's > AWS_PROFILE > the default chain (support's one Precedence).
        AwsTarget target = new AwsTarget(Precedence.profile(ctx.get(ContextKeys.AWS_PROFILE).orElse(null),
                st.awsProfile(), s.env()).orElse(null), region);
        String account;
        try {
            account = s.aws().get(StsClient.class, target).getCallerIdentity(GetCallerIdentityRequest.builder().build()).account();
        } catch (SdkException e) {
            throw new AwsOperationException(AwsErrors.describe(e, "sts:GetCallerIdentity in " + region, "sts:GetCallerIdentity"), e);
        }
        List<DriftReport.Check> checks = new ArrayList<>();
        stack(s.aws().get(CloudFormationClient.class, target), st.text(StateRecord.CFN_STACK_NAME), s, checks);
        BudgetsClient budgets = s.aws().get(BudgetsClient.class, new AwsTarget(target.profile(), "us-east-1"));
        budget(budgets, account, "budget.global", st.text(StateRecord.GLOBAL_BUDGET_NAME), List.of(25.0, 50.0, 75.0, 99.0), checks);
        budget(budgets, account, "budget.cluster", st.text(StateRecord.CLUSTER_BUDGET_NAME), List.of(75.0), checks);
        heartbeat(s.aws().get(SnsClient.class, target), s.aws().get(SchedulerClient.class, target), st, checks);
        String cluster = st.clusterName();
        boolean drift = checks.stream().anyMatch(c -> c.status().equals("DRIFTED"));
        DriftReport report = new DriftReport(cluster.isEmpty() ? "unknown" : cluster, drift, checks);
        for (DriftReport.Check c : checks) {
            s.prompter().say((c.status().equals("OK") ? "✓ " : c.status().equals("DRIFTED") ? "✗ " : "⚠ ") + c.id()
                    + (c.status().equals("OK") ? "" : ": expected " + c.expected() + ", found " + c.actual()
                    + (c.error().isEmpty() ? "" : " (" + c.error() + ")")));
        }
        RunContext out = ctx.with(REPORT, report);
        List<String> unread = checks.stream().filter(c -> c.status().equals("ERROR")).map(DriftReport.Check::id).toList();
        if (!unread.isEmpty()) {
            // a read that failed is neither drift nor "no drift": exit 2 naming what could not be read
            return Stop.after(out, ExitCode.AWS, "aws_operation_failed", "could not read " + String.join(", ", unread)
                    + " (see above)" + (drift ? "; drift was found in what could be read" : "")
                    + "; fix the access and run drift again");
        }
        if (drift) {
            return Stop.after(out, ExitCode.DRIFT, "drift", "Drift detected.");
        }
        s.prompter().say("No drift detected.");
        return out;
    }


    private void stack(CloudFormationClient cfn, String name, StepServices s, List<DriftReport.Check> checks) {
        if (name.isEmpty()) {
            checks.add(new DriftReport.Check("cfn.stack", "OK", "", "", "no stack recorded in state", ""));
            return;
        }
        try {
            List<Stack> stacks = cfn.describeStacks(DescribeStacksRequest.builder().stackName(name).build()).stacks();
            String status = stacks.isEmpty() ? "<not found>" : stacks.get(0).stackStatusAsString();
            if (!status.contains("COMPLETE") || status.contains("ROLLBACK")) {
                checks.add(DriftReport.Check.drifted("cfn.stack", "*_COMPLETE", status, name));
                return;
            }
            checks.add(DriftReport.Check.ok("cfn.stack", "*_COMPLETE", status));
        } catch (SdkException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) { // CloudFormation's ValidationError for a missing stack
                checks.add(DriftReport.Check.drifted("cfn.stack", "*_COMPLETE", "<not found>", name));
            } else {
                checks.add(DriftReport.Check.error("cfn.stack", "*_COMPLETE", AwsErrors.text(e)));
            }
            return;
        }
        try {
            String id = cfn.detectStackDrift(DetectStackDriftRequest.builder().stackName(name).build()).stackDriftDetectionId();
            DescribeStackDriftDetectionStatusResponse[] last = {null};
            DescribeStackDriftDetectionStatusResponse r;
            try {
                r = new Poller(s.clock(), Duration.ofSeconds(5), Duration.ofMinutes(5), 1).await(() -> {
                    last[0] = cfn.describeStackDriftDetectionStatus(DescribeStackDriftDetectionStatusRequest.builder()
                            .stackDriftDetectionId(id).build());
                    return "DETECTION_IN_PROGRESS".equals(last[0].detectionStatusAsString())
                            ? Poller.pending(last[0].detectionStatusAsString()) : Poller.done(last[0]);
                }, STILL_DETECTING);
            } catch (StillDetecting stopped) {
                if (Thread.currentThread().isInterrupted()) {
                    checks.add(DriftReport.Check.error("cfn.stack_drift", "IN_SYNC", "interrupted"));
                    return;
                }
                r = last[0]; // reported below as an ERROR: detection DETECTION_IN_PROGRESS
            }
            String drift = r.stackDriftStatusAsString();
            if ("IN_SYNC".equals(drift)) {
                checks.add(DriftReport.Check.ok("cfn.stack_drift", "IN_SYNC", drift));
            } else if ("DRIFTED".equals(drift)) {
                checks.add(DriftReport.Check.drifted("cfn.stack_drift", "IN_SYNC", drift,
                        r.driftedStackResourceCount() + " resource(s) changed outside CloudFormation"));
            } else {
                checks.add(DriftReport.Check.error("cfn.stack_drift", "IN_SYNC", "detection " + r.detectionStatusAsString()
                        + ": " + r.detectionStatusReason()));
            }
        } catch (SdkException e) {
            checks.add(DriftReport.Check.error("cfn.stack_drift", "IN_SYNC", AwsErrors.text(e)));
        }
    }

    private void budget(BudgetsClient b, String account, String id, String name, List<Double> thresholds, List<DriftReport.Check> checks) {
        if (name.isEmpty()) {
            return;
        }
        try {
            b.describeBudget(DescribeBudgetRequest.builder().accountId(account).budgetName(name).build());
        } catch (NotFoundException e) {
            checks.add(DriftReport.Check.drifted(id, name, "<not found>", "NotFoundException"));
            return;
        } catch (SdkException e) {
            checks.add(DriftReport.Check.error(id, name, AwsErrors.text(e)));
            return;
        }
        checks.add(DriftReport.Check.ok(id, name, name));
        try {
            List<Notification> ns = b.describeNotificationsForBudget(DescribeNotificationsForBudgetRequest.builder()
                    .accountId(account).budgetName(name).build()).notifications();
            Set<Double> have = new TreeSet<>();
            int withoutSubscriber = 0;
            for (Notification n : ns) {
                have.add(n.threshold());
                boolean subscribed = !b.describeSubscribersForNotification(DescribeSubscribersForNotificationRequest.builder()
                        .accountId(account).budgetName(name).notification(n).build()).subscribers().isEmpty();
                withoutSubscriber += subscribed ? 0 : 1;
            }
            String expected = new TreeSet<>(thresholds).toString();
            if (!have.containsAll(thresholds) || withoutSubscriber > 0) {
                checks.add(DriftReport.Check.drifted(id + ".notifications", expected + " with subscribers", have
                        + (withoutSubscriber > 0 ? ", " + withoutSubscriber + " without subscriber" : ""), name));
            } else {
                checks.add(DriftReport.Check.ok(id + ".notifications", expected, have.toString()));
            }
        } catch (SdkException e) {
            checks.add(DriftReport.Check.error(id + ".notifications", thresholds.toString(), AwsErrors.text(e)));
        }
    }

    private void heartbeat(SnsClient sns, SchedulerClient scheduler, StateRecord st, List<DriftReport.Check> checks) {
        String topic = st.text(StateRecord.HEARTBEAT_TOPIC_ARN);
        String email = st.text(StateRecord.HEARTBEAT_EMAIL);
        if (!topic.isEmpty()) {
            try {
                sns.getTopicAttributes(GetTopicAttributesRequest.builder().topicArn(topic).build());
                checks.add(DriftReport.Check.ok("heartbeat.topic", topic, topic));
                if (!email.isEmpty() && !email.equals("skip")) {
                    boolean present = sns.listSubscriptionsByTopic(ListSubscriptionsByTopicRequest.builder().topicArn(topic).build())
                            .subscriptions().stream().anyMatch(x -> "email".equals(x.protocol()) && email.equalsIgnoreCase(x.endpoint()));
                    checks.add(present ? DriftReport.Check.ok("heartbeat.subscription", email, email)
                            : DriftReport.Check.drifted("heartbeat.subscription", email, "<not subscribed>", topic));
                }
            } catch (software.amazon.awssdk.services.sns.model.NotFoundException e) {
                checks.add(DriftReport.Check.drifted("heartbeat.topic", topic, "<not found>", AwsErrors.text(e)));
            } catch (SdkException e) {
                checks.add(DriftReport.Check.error("heartbeat.topic", topic, AwsErrors.text(e)));
            }
        }
        String schedule = st.text(StateRecord.HEARTBEAT_SCHEDULE_NAME);
        if (!schedule.isEmpty()) {
            try {
                scheduler.getSchedule(GetScheduleRequest.builder().name(schedule).groupName("default").build());
                checks.add(DriftReport.Check.ok("heartbeat.schedule", schedule, schedule));
            } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException e) {
                checks.add(DriftReport.Check.drifted("heartbeat.schedule", schedule, "<not found>", AwsErrors.text(e)));
            } catch (SdkException e) {
                checks.add(DriftReport.Check.error("heartbeat.schedule", schedule, AwsErrors.text(e)));
            }
        }
    }
}
