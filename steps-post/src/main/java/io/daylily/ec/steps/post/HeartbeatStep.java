package io.daylily.ec.steps.post;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.event.CheckResult;
import java.util.LinkedHashMap;
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
public final class HeartbeatStep implements Step {
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

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        HeartbeatSettings hb = ctx.require(ContextKeys.HEARTBEAT);
        String email = hb.email();
        String role = hb.schedulerRoleArn();
        if (!hb.ready()) {
            s.prompter().say("Heartbeat skipped" + (hb.wanted() ? " (no scheduler role)" : ""));
            s.events().check(CheckResult.pass(id(), Map.of("action", "skipped")));
            return ctx;
        }
        String cluster = ctx.require(ContextKeys.CLUSTER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        try {
            Heartbeat.Wired w = new Heartbeat(s.aws().get(SnsClient.class, ctx), s.aws().get(SchedulerClient.class, ctx))
                    .ensure(cluster, region, ctx.require(ContextKeys.ACCOUNT_ID), email, hb.schedule(), role,
                            s.clock().now().getEpochSecond());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("topic_arn", w.topicArn());
            d.put("schedule_name", w.scheduleName());
            d.put("subscribed", w.subscribed());
            s.events().check(CheckResult.pass(id(), d));
            s.prompter().say("Heartbeat notifications to " + email + " with '" + hb.schedule() + "'"
                    + (w.subscribed() ? "; confirm the SNS email subscription" : ""));
            return ctx.with(ContextKeys.HEARTBEAT_TOPIC_ARN, w.topicArn()).with(ContextKeys.HEARTBEAT_SCHEDULE_NAME, w.scheduleName())
                    .with(ContextKeys.HEARTBEAT_ROLE_ARN, role);
        } catch (SdkException | io.daylily.ec.api.DaylilyException e) {
            String why = e instanceof SdkException sdk ? io.daylily.ec.support.AwsErrors.text(sdk) : e.getMessage();
            s.events().warn(id(), "heartbeat not configured: " + why + "; configure it by hand if you want it");
            return ctx;
        }
    }
}
