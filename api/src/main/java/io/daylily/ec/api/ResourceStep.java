package io.daylily.ec.api;

import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
import java.util.List;

/**
 * A step that owns AWS resources, in three parts (issue #28): a read-only {@link #inspect} that finds what
 * exists and decides what to do (the decision is a value), a {@link #describe} of that decision for
 * {@code daylily-ec plan}, and an {@link #apply} that carries the decision out — the only code of the step
 * allowed to write.
 *
 * <p>The runtime runs {@code inspect} with every AWS write refused (SDK operations outside the read verbs,
 * and {@code pcluster} commands that change a cluster); in {@code create} it then runs {@code apply} with
 * writes allowed, unless {@code inspect} published a FAIL check. In {@code plan} it runs {@code inspect}
 * and {@code describe} of the very same step and adds the lines to the run's {@link Plan}; {@code apply}
 * never runs. So a plan lists what a create would write because both come from one decision.
 *
 * <p>A resource step names {@code create} (or another writing pipeline) in {@link #pipelines()}; the
 * {@code plan} pipeline takes it from there. {@link #run} (inspect, then apply) is for callers outside the
 * runtime, such as tests.
 *
 * @param <D> the decision: what {@code inspect} found and what {@code apply} will do; immutable
 */
public interface ResourceStep<D> extends Step {
    /**
     * Reads what exists and decides what this step would do; never writes (the runtime refuses writes while
     * it runs). Report what stops a create as a FAIL check, or throw {@link DaylilyException}.
     */
    D inspect(RunContext context, StepServices services);

    /** The decision as {@code plan} shows it, resource by resource, in the order {@code apply} reaches them. */
    List<PlannedChange> describe(D decision);

    /**
     * The context a plan continues with after this step: {@code context} with the facts the decision settles
     * without a write (the subnets of a stack that already exists, the role a heartbeat would publish as), so
     * later steps plan with them. By default {@code context} itself.
     */
    default RunContext planned(D decision, RunContext context) {
        return context;
    }

    /** Carries {@code decision} out: the only part of the step that may write to AWS. Returns the next context. */
    RunContext apply(D decision, RunContext context, StepServices services);

    /** A resource step writes to AWS, in its {@link #apply} only. */
    @Override
    default boolean mutatesAws() {
        return true;
    }

    /** {@link #inspect}, then {@link #apply}: what a create does with this step, without the runtime's guard. */
    @Override
    default RunContext run(RunContext context, StepServices services) {
        return apply(inspect(context, services), context, services);
    }

    /** {@link #inspect}, then {@link #describe} and {@link #planned}: what a plan does with this step. */
    default RunContext plan(RunContext context, StepServices services) {
        D decision = inspect(context, services);
        return Plan.add(planned(decision, context), describe(decision));
    }
}
