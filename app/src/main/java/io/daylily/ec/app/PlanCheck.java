package io.daylily.ec.app;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.app.runtime.LoadedStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Never report a cluster as created when no step creates one (a jar missing from the class path or
 * the plug-in directory, or a partial build): a create plan with an empty pcluster phase gets a step,
 * after the config and preflight gates and before anything could touch AWS, that stops the run (exit 4).
 */
class PlanCheck implements Step {
    static final String ID = "runtime.plan_check";

    static List<LoadedStep> guard(List<LoadedStep> plan) {
        boolean creates = plan.stream().anyMatch(s -> s.order() >= Order.PCLUSTER && s.order() < Order.POST);
        if (creates) {
            return plan;
        }
        List<LoadedStep> out = new ArrayList<>(plan);
        out.add(new LoadedStep(new PlanCheck(), "built-in"));
        out.sort(Comparator.comparingInt(LoadedStep::order).thenComparing(LoadedStep::id));
        return out;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return Order.INFRA - 5;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public RunContext run(RunContext context, StepServices services) {
        throw new DaylilyException(ExitCode.TOOLCHAIN, "this daylily-ec build has no step that creates a cluster"
                + " (the pcluster phase, order 500-599, is empty; see 'daylily-ec steps');"
                + " nothing was changed in AWS. 'daylily-ec preflight' runs the available checks", "no_create_step", null);
    }
}
