package io.daylily.ec.steps.post;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.AwsErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code post.plan} (issue #20): the heartbeat a create would wire — SNS topic, email subscription and
 * EventBridge schedule, each created, updated or reused — from read requests only. Skipped as the create
 * skips it: heartbeat email {@code skip}, or a scheduler role the create could not have (see {@code infra.plan}).
 */
public final class PostPlanStep implements Step {
    /** The role the create makes when none exists ({@code infra.scheduler_role}). */
    static final String CREATED_ROLE = "eventbridge-scheduler-to-sns";

    @Override
    public String id() {
        return "post.plan";
    }

    @Override
    public int order() {
        return Order.POST;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.PLAN);
    }

    @Override
    public boolean mutatesAws() {
        return false;
    }

    @Override
    public String description() {
        return "what the heartbeat step would create (topic, subscription, schedule; read-only)";
    }

    /**
     * The role the schedule would publish as: the configured one, the one {@code infra.plan} found (named by
     * its ARN, or with its ARN in the details), else the one the create makes, by the ARN IAM gives a role.
     */
    static String roleArn(HeartbeatSettings hb, Optional<PlannedChange> role, String account) {
        if (!hb.schedulerRoleArn().isEmpty()) {
            return hb.schedulerRoleArn();
        }
        if (role.isPresent() && role.get().name().startsWith("arn:")) {
            return role.get().name();
        }
        if (role.isPresent() && role.get().details().get("arn") instanceof String arn) {
            return arn;
        }
        return "arn:aws:iam::" + account + ":role/" + role.map(PlannedChange::name).orElse(CREATED_ROLE);
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        HeartbeatSettings hb = ctx.require(ContextKeys.HEARTBEAT);
        String cluster = ctx.require(ContextKeys.CLUSTER_NAME);
        Optional<PlannedChange> role = Plan.of(ctx).changes().stream().filter(c -> c.resource().equals("IAM role")).findFirst();
        String why = !hb.wanted() ? "heartbeat off" : role.isPresent() && role.get().action() == Action.SKIP
                ? "no scheduler role: " + role.get().details().get("reason") : null;
        if (why != null) {
            s.events().check(CheckResult.pass(id(), Map.of("action", "skipped", "reason", why)));
            return Plan.add(ctx, List.of(PlannedChange.of("heartbeat", Heartbeat.scheduleName(cluster), Action.SKIP).with("reason", why)));
        }
        String account = ctx.require(ContextKeys.ACCOUNT_ID);
        String roleArn = roleArn(hb, role, account);
        try {
            List<PlannedChange> wired = new Heartbeat(s.aws().get(SnsClient.class, ctx), s.aws().get(SchedulerClient.class, ctx))
                    .plan(cluster, ctx.require(ContextKeys.REGION), account, hb.email(), hb.schedule(), roleArn);
            s.events().check(CheckResult.pass(id(), Map.of("writes", wired.stream().filter(c -> c.action().changes()).count())));
            return Plan.add(ctx, wired);
        } catch (SdkException e) {
            // the create's heartbeat is best effort (a warning, never a failed run): so is its plan
            s.events().warn(id(), "the heartbeat could not be planned: " + AwsErrors.text(e) + "; the create tries it and warns if it fails");
            return Plan.add(ctx, List.of(PlannedChange.of("heartbeat", Heartbeat.scheduleName(cluster), Action.SKIP)
                    .with("reason", "not read: " + AwsErrors.text(e))));
        }
    }
}
