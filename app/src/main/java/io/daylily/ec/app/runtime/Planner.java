package io.daylily.ec.app.runtime;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Pipelines;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the ordered plan once, before any AWS call. */
public final class Planner {
    private Planner() {
    }

    /** Every step, duplicate ids rejected, sorted by order then id. */
    public static List<LoadedStep> all(List<LoadedStep> found) {
        Map<String, LoadedStep> byId = new HashMap<>();
        for (LoadedStep s : found) {
            LoadedStep other = byId.putIfAbsent(s.id(), s);
            if (other != null) {
                throw new DaylilyException(ExitCode.VALIDATION, "step id '" + s.id() + "' is defined twice: in "
                        + other.source() + " and in " + s.source() + "; remove one of the jars or rename the step");
            }
        }
        return byId.values().stream()
                .sorted(Comparator.comparingInt(LoadedStep::order).thenComparing(LoadedStep::id))
                .toList();
    }

    /**
     * The steps of one pipeline, in execution order ({@link Pipelines#includes}): the {@code plan} pipeline is
     * the preflight's steps, those that name {@code plan}, and the create's resource steps (inspect + describe).
     */
    public static List<LoadedStep> plan(List<LoadedStep> found, String pipeline) {
        return all(found).stream().filter(s -> Pipelines.includes(s.step(), pipeline)).toList();
    }
}
