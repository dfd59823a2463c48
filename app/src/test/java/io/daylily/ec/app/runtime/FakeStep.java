package io.daylily.ec.app.runtime;

import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import java.util.Set;
import java.util.function.BiFunction;

/** A step made of a lambda, for runtime tests. */
record FakeStep(String id, int order, Set<String> pipelines, BiFunction<RunContext, StepServices, RunContext> body)
        implements Step {
    static FakeStep of(String id, int order, BiFunction<RunContext, StepServices, RunContext> body) {
        return new FakeStep(id, order, Set.of("create"), body);
    }

    @Override
    public RunContext run(RunContext context, StepServices services) {
        return body.apply(context, services);
    }

    LoadedStep loaded() {
        return new LoadedStep(this, "test:" + id);
    }
}
