package io.daylily.ec.api.event;

import static java.util.Objects.requireNonNull;

/**
 * Published the moment a step is about to create or change an AWS resource, before the call, so
 * the state file names it even if the step then fails or the run is interrupted.
 *
 * @param stateKey the state-file field, e.g. {@code cfn_stack_name}, {@code global_budget_name}
 * @param value    the resource's name or ARN
 */
public record ResourceTouched(String stateKey, String value) implements RunEvent {
    public ResourceTouched {
        requireNonNull(stateKey, "stateKey is null");
        requireNonNull(value, "value is null");
    }
}
