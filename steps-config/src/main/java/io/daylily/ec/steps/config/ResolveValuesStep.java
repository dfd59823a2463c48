package io.daylily.ec.steps.config;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.config.ConfigKeys;
import java.util.Map;
import java.util.Set;

/**
 * {@code config.values}: settles every value that needs no AWS lookup ({@link ValueResolver}). A
 * non-interactive run that would need an answer publishes one FAIL {@code prompt.<key>} per key
 * (reason {@code prompt_required}), so a single run lists everything the config is missing.
 */
public final class ResolveValuesStep implements Step {
    @Override
    public String id() {
        return "config.values";
    }

    @Override
    public int order() {
        return Order.CONFIG + 10;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "settle config values: set values, prompts, defaults";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        ValueResolver r = new ValueResolver(ctx.require(ContextKeys.CONFIG), s.prompter(), s.env(), s.workDir());
        ConfigValues values = r.resolveAll(ctx.get(ContextKeys.VALUES).orElse(ConfigValues.empty()));
        for (PromptRequiredException e : r.unanswered()) {
            s.events().check(CheckResult.fail("prompt." + e.key(),
                    Map.of("reason", "prompt_required", "key", e.key()), e.getMessage()));
        }
        RunContext next = ctx.with(ContextKeys.VALUES, values).with(ContextKeys.HEARTBEAT, new HeartbeatSettings(
                values.getOrEmpty(ConfigKeys.HEARTBEAT_EMAIL), values.getOrEmpty(ConfigKeys.HEARTBEAT_SCHEDULE),
                values.getOrEmpty(ConfigKeys.HEARTBEAT_SCHEDULER_ROLE_ARN)));
        String policy = values.getOrEmpty(ConfigKeys.IAM_POLICY_ARN);
        if (!policy.isBlank()) {
            next = next.with(ContextKeys.CLUSTER_POLICY, new io.daylily.ec.api.facts.ClusterPolicy(policy));
        }
        String name = values.getOrEmpty(ConfigKeys.CLUSTER_NAME);
        return name.isEmpty() ? next : next.with(ContextKeys.CLUSTER_NAME, name);
    }
}
