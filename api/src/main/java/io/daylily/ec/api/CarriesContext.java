package io.daylily.ec.api;

/**
 * Implemented by a {@link DaylilyException} that ends a run on purpose with results to keep (e.g.
 * drift detected, exit 3): the runtime passes this context, not the step's input, to the listeners
 * and the caller.
 */
public interface CarriesContext {
    RunContext context();
}
