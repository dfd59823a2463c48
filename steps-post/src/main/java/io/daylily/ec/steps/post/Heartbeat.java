package io.daylily.ec.steps.post;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.Json;
import io.daylily.ec.support.AwsErrors;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreateTopicRequest;
import software.amazon.awssdk.services.sns.model.GetTopicAttributesRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;

/**
 * The heartbeat resources (PARITY §21.1): SNS topic {@code daylily-<cluster>-heartbeat}, one email
 * subscription (not repeated), and an EventBridge Scheduler schedule of the same name (≤ 64
 * characters) publishing to the topic. Convergent: the topic is created or found, a missing subscription
 * added, a missing schedule created and a different one updated; what is already right is left alone.
 */
final class Heartbeat {
    /** What was wired. */
    record Wired(String topicArn, String scheduleName, boolean subscribed) {
    }

    static String topicName(String cluster) {
        return "daylily-" + cluster + "-heartbeat";
    }

    static String scheduleName(String cluster) {
        String n = topicName(cluster);
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    static String topicArn(String region, String account, String cluster) {
        return "arn:aws:sns:" + region + ":" + account + ":" + topicName(cluster);
    }

    static String message(String cluster, long epochSeconds, String region) {
        return "Heartbeat for cluster '" + cluster + "' at " + epochSeconds + " (epoch). Region: " + region + ".";
    }

    private final SnsClient sns;
    private final SchedulerClient scheduler;

    Heartbeat(SnsClient sns, SchedulerClient scheduler) {
        this.sns = sns;
        this.scheduler = scheduler;
    }

    Wired ensure(String cluster, String region, String account, String email, String expression, String roleArn, long epoch) {
        String arn = topic(cluster, region, account);
        boolean subscribed = subscribe(arn, email);
        String name = scheduleName(cluster);
        String input = Json.writeCompact(Map.of("default", message(cluster, epoch, region)));
        Target target = Target.builder().arn(arn).roleArn(roleArn).input(input).build();
        FlexibleTimeWindow off = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();
        try {
            scheduler.createSchedule(CreateScheduleRequest.builder().name(name).groupName("default").scheduleExpression(expression)
                    .flexibleTimeWindow(off).state(ScheduleState.ENABLED).target(target).build());
        } catch (ConflictException exists) {
            // PARITY §21: a conflict is an update with the same arguments — unless the schedule already is what this
            // run would make (issue #17: a rerun changes only what is missing or different)
            if (!alreadyWired(name, expression, arn, roleArn)) {
                scheduler.updateSchedule(UpdateScheduleRequest.builder().name(name).groupName("default").scheduleExpression(expression)
                        .flexibleTimeWindow(off).state(ScheduleState.ENABLED).target(target).build());
            }
        }
        return new Wired(arn, name, subscribed);
    }

    /**
     * What {@link #ensure} would do, from read requests only (issue #20): the topic (found by its ARN), the
     * email subscription, and the schedule — created, updated (it differs) or reused. A read that fails is
     * thrown; the caller says the heartbeat could not be planned.
     */
    java.util.List<io.daylily.ec.api.plan.PlannedChange> plan(String cluster, String region, String account, String email,
                                                              String expression, String roleArn) {
        String arn = topicArn(region, account, cluster);
        boolean topicExists;
        try {
            sns.getTopicAttributes(GetTopicAttributesRequest.builder().topicArn(arn).build());
            topicExists = true;
        } catch (AwsServiceException e) {
            if (!absent(e)) {
                throw e; // the caller says the heartbeat could not be read
            }
            topicExists = false;
        }
        boolean subscribed = topicExists && sns.listSubscriptionsByTopicPaginator(ListSubscriptionsByTopicRequest.builder()
                .topicArn(arn).build()).subscriptions().stream()
                .anyMatch(s -> "email".equals(s.protocol()) && email.equalsIgnoreCase(s.endpoint()));
        String name = scheduleName(cluster);
        io.daylily.ec.api.plan.PlannedChange.Action schedule;
        try {
            scheduler.getSchedule(GetScheduleRequest.builder().name(name).groupName("default").build());
            schedule = alreadyWired(name, expression, arn, roleArn) ? io.daylily.ec.api.plan.PlannedChange.Action.REUSE
                    : io.daylily.ec.api.plan.PlannedChange.Action.UPDATE;
        } catch (AwsServiceException e) {
            if (!absent(e)) {
                throw e;
            }
            schedule = io.daylily.ec.api.plan.PlannedChange.Action.CREATE;
        }
        var create = io.daylily.ec.api.plan.PlannedChange.Action.CREATE;
        var reuse = io.daylily.ec.api.plan.PlannedChange.Action.REUSE;
        return java.util.List.of(
                io.daylily.ec.api.plan.PlannedChange.of("SNS topic", topicName(cluster), topicExists ? reuse : create).with("arn", arn),
                io.daylily.ec.api.plan.PlannedChange.of("SNS email subscription", email, subscribed ? reuse : create)
                        .with("note", subscribed ? "confirmed or pending" : "the recipient confirms it by email"),
                io.daylily.ec.api.plan.PlannedChange.of("EventBridge schedule", name, schedule).with("expression", expression)
                        .with("role_arn", roleArn));
    }

    /** Whether {@code e} says the resource does not exist: its typed exception, or what {@link AwsErrors#kind} calls not found. */
    static boolean absent(AwsServiceException e) {
        return e instanceof software.amazon.awssdk.services.sns.model.NotFoundException
                || e instanceof software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException
                || AwsErrors.kind(e) == AwsErrors.Kind.NOT_FOUND;
    }

    /** Whether the existing schedule {@code name} is enabled, on {@code expression}, publishing to {@code topicArn} as {@code roleArn}. */
    boolean alreadyWired(String name, String expression, String topicArn, String roleArn) {
        GetScheduleResponse g;
        try {
            g = scheduler.getSchedule(GetScheduleRequest.builder().name(name).groupName("default").build());
        } catch (AwsServiceException e) {
            return false; // cannot tell: update it as PARITY does
        }
        return g != null && g.target() != null && expression.equals(g.scheduleExpression()) && g.state() == ScheduleState.ENABLED
                && topicArn.equals(g.target().arn()) && roleArn.equals(g.target().roleArn());
    }

    private String topic(String cluster, String region, String account) {
        try {
            return sns.createTopic(CreateTopicRequest.builder().name(topicName(cluster)).build()).topicArn();
        } catch (AwsServiceException e) {
            if (!isAuthorization(e)) {
                throw e;
            }
            String derived = topicArn(region, account, cluster);
            try {
                sns.getTopicAttributes(GetTopicAttributesRequest.builder().topicArn(derived).build());
                return derived;
            } catch (AwsServiceException notThere) {
                throw new AwsOperationException("SNS topic creation is forbidden and an existing topic named '"
                        + topicName(cluster) + "' was not found; grant sns:CreateTopic or create the topic", e);
            }
        }
    }

    private boolean subscribe(String arn, String email) {
        try {
            // the SDK's paginator follows NextToken; it stops at the first page that has the subscription
            boolean present = sns.listSubscriptionsByTopicPaginator(ListSubscriptionsByTopicRequest.builder().topicArn(arn).build())
                    .subscriptions().stream().anyMatch(s -> "email".equals(s.protocol()) && email.equalsIgnoreCase(s.endpoint()));
            if (present) {
                return false;
            }
            sns.subscribe(SubscribeRequest.builder().topicArn(arn).protocol("email").endpoint(email).build());
            return true;
        } catch (AwsServiceException e) {
            if (isAuthorization(e)) {
                throw new AwsOperationException("SNS subscription permissions are insufficient (sns:Subscribe,"
                        + " sns:ListSubscriptionsByTopic)", e);
            }
            throw e;
        }
    }

    private static boolean isAuthorization(AwsServiceException e) {
        return AwsErrors.kind(e) == AwsErrors.Kind.ACCESS_DENIED;
    }
}
