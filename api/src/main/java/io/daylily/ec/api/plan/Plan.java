package io.daylily.ec.api.plan;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code daylily-ec plan} found a create would do (issue #20), resource by resource in the order
 * the create would reach them. The plan steps of each phase add to it under {@link ContextKeys#PLAN};
 * the runtime prints it and puts it in the {@code --json} summary.
 *
 * @param changes oldest first
 */
public record Plan(List<PlannedChange> changes) {
    public Plan {
        changes = List.copyOf(changes);
    }

    public static Plan none() {
        return new Plan(List.of());
    }

    /** The plan of {@code ctx} (empty when no plan step ran). */
    public static Plan of(RunContext ctx) {
        return ctx.get(ContextKeys.PLAN).orElse(none());
    }

    /** {@code ctx} with {@code more} added to its plan. */
    public static RunContext add(RunContext ctx, List<PlannedChange> more) {
        List<PlannedChange> all = new ArrayList<>(of(ctx).changes());
        all.addAll(more);
        return ctx.with(ContextKeys.PLAN, new Plan(all));
    }

    /** The changes a create would send a write for. */
    public List<PlannedChange> writes() {
        return changes.stream().filter(c -> c.action().changes()).toList();
    }
}
