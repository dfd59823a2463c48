package io.daylily.ec.app.runtime;

import io.daylily.ec.api.Step;

/**
 * A discovered step and where it came from.
 *
 * @param source the jar (or class directory) that holds the step's class
 */
public record LoadedStep(Step step, String source) {
    public String id() {
        return step.id();
    }

    public int order() {
        return step.order();
    }
}
