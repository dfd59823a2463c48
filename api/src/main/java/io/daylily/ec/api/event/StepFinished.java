package io.daylily.ec.api.event;

import static java.util.Objects.requireNonNull;

import io.daylily.ec.api.RunContext;
import java.time.Duration;

/**
 * Posted after a step returns or throws.
 *
 * @param succeeded false when the step threw
 * @param context   the context after the step (the input context when it threw)
 */
public record StepFinished(String stepId, boolean succeeded, Duration elapsed, RunContext context) implements RunEvent {
    public StepFinished {
        requireNonNull(stepId, "stepId is null");
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(context, "context is null");
    }
}
