package io.daylily.ec.api.event;

import static java.util.Objects.requireNonNull;

/** Posted just before a step runs. */
public record StepStarted(String stepId, int order) implements RunEvent {
    public StepStarted {
        requireNonNull(stepId, "stepId is null");
    }
}
