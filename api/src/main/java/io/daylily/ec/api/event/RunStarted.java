package io.daylily.ec.api.event;

import static java.util.Objects.requireNonNull;

import io.daylily.ec.api.RunContext;
import java.nio.file.Path;
import java.util.List;

/**
 * Posted once, before the first step, after the plan is built.
 *
 * @param pipeline  the command whose steps run ({@code create}, {@code preflight}, …)
 * @param configDir where artifacts, reports and state go
 * @param plan      the step ids in execution order
 * @param context   the initial context (flags and environment-derived values)
 */
public record RunStarted(String pipeline, Path configDir, List<String> plan, RunContext context) implements RunEvent {
    public RunStarted {
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(configDir, "configDir is null");
        plan = List.copyOf(plan);
        requireNonNull(context, "context is null");
    }
}
