package io.daylily.ec.steps.post;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.AwsErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code post.heartbeat} (PARITY §21, DECISIONS #16): after the cluster is up, wire the heartbeat
 * (topic, subscription, schedule). Off when the email is {@code skip} or no scheduler role was
 * resolved. Best effort: a failure is a warning recorded in the state file, never a failed run.
 */
public final class HeartbeatStep implements ResourceStep<HeartbeatStep.Decision> {
    @Override
    public String id() {
        return "post.heartbeat";
    }

    @Override
    public int order() {
        return Order.POST + 20;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "SNS topic + email subscription + EventBridge schedule (best effort)";
    }

    /**
     * What the create does with the heartbeat: skip it ({@code skipped} says why: off, no scheduler role, or its
     * resources could not be read), or wire it, where {@code wiring} is the topic, the subscription and the schedule
     * each as found (create, update or reuse).
     */
    record Decision(String cluster, String skipped, List<PlannedChange> wiring) {
        boolean wired() {
            return wiring.stream().noneMatch(c -> c.action().changes());
        }
    }

    @Override
    public Decision inspect(RunContext ctx, StepServices s) {
        HeartbeatSettings hb = ctx.require(ContextKeys.HEARTBEAT);
        String cluster = ctx.require(ContextKeys.CLUSTER_NAME);
        if (!hb.ready()) {
            return new Decision(cluster, hb.wanted() ? "no scheduler role" : "heartbeat off", List.of());
        }
        try {
            return new Decision(cluster, "", heartbeat(ctx, s).plan(cluster, ctx.require(ContextKeys.REGION),
                    ctx.require(ContextKeys.ACCOUNT_ID), hb.email(), hb.schedule(), hb.schedulerRoleArn()));
        } catch (SdkException e) {
            // best effort (a warning, never a failed run), in the create and in its plan alike
            s.events().warn(id(), "heartbeat not configured: its topic, subscription or schedule could not be read ("
                    + AwsErrors.text(e) + "); configure it by hand if you want it");
            return new Decision(cluster, "not read: " + AwsErrors.text(e), List.of());
        }
    }

    private static Heartbeat heartbeat(RunContext ctx, StepServices s) {
        return new Heartbeat(s.aws().get(SnsClient.class, ctx), s.aws().get(SchedulerClient.class, ctx));
    }

    @Override
    public List<PlannedChange> describe(Decision d) {
        return d.skipped().isEmpty() ? d.wiring()
                : List.of(PlannedChange.of("heartbeat", Heartbeat.scheduleName(d.cluster()), Action.SKIP).with("reason", d.skipped()));
    }

    @Override
    public RunContext apply(Decision decision, RunContext ctx, StepServices s) {
        HeartbeatSettings hb = ctx.require(ContextKeys.HEARTBEAT);
        String email = hb.email();
        String role = hb.schedulerRoleArn();
        if (!decision.skipped().isEmpty()) {
            if (!hb.ready()) {
                s.prompter().say("Heartbeat skipped" + (hb.wanted() ? " (no scheduler role)" : ""));
                s.events().check(CheckResult.pass(id(), Map.of("action", "skipped")));
            }
            return ctx; // not read: the inspect warned
        }
        String cluster = decision.cluster();
        String region = ctx.require(ContextKeys.REGION);
        try {
            // all three as they should be: nothing is sent (the inspect's reads decided it)
            Heartbeat.Wired w = decision.wired()
                    ? new Heartbeat.Wired(Heartbeat.topicArn(region, ctx.require(ContextKeys.ACCOUNT_ID), cluster),
                            Heartbeat.scheduleName(cluster), false)
                    : heartbeat(ctx, s).ensure(cluster, region, ctx.require(ContextKeys.ACCOUNT_ID), email, hb.schedule(), role,
                            s.clock().now().getEpochSecond());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("topic_arn", w.topicArn());
            d.put("schedule_name", w.scheduleName());
            d.put("subscribed", w.subscribed());
            if (decision.wired()) {
                d.put("action", "already_wired");
            }
            s.events().check(CheckResult.pass(id(), d));
            s.prompter().say("Heartbeat notifications to " + email + " with '" + hb.schedule() + "'"
                    + (w.subscribed() ? "; confirm the SNS email subscription" : ""));
            return ctx.with(ContextKeys.HEARTBEAT_TOPIC_ARN, w.topicArn()).with(ContextKeys.HEARTBEAT_SCHEDULE_NAME, w.scheduleName())
                    .with(ContextKeys.HEARTBEAT_ROLE_ARN, role);
        } catch (SdkException | io.daylily.ec.api.DaylilyException e) {
            String why = e instanceof SdkException sdk ? AwsErrors.text(sdk) : e.getMessage();
            s.events().warn(id(), "heartbeat not configured: " + why + "; configure it by hand if you want it");
            return ctx;
        }
    }
}
