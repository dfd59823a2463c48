package io.daylily.ec.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static LoadedStep step(String id, int order, String... pipelines) {
        return new FakeStep(id, order, Set.of(pipelines), (c, s) -> c).loaded();
    }

    @Test
    void sortsByOrderThenId() {
        List<LoadedStep> plan = Planner.plan(List.of(step("b", 200, "create"), step("a", 200, "create"),
                step("z", 100, "create"), step("plugin.mid", 205, "create")), "create");
        assertEquals(List.of("z", "a", "b", "plugin.mid"), plan.stream().map(LoadedStep::id).toList());
    }

    @Test
    void filtersByPipeline() {
        List<LoadedStep> plan = Planner.plan(List.of(step("pre", 200, "create", "preflight"),
                step("infra", 300, "create")), "preflight");
        assertEquals(List.of("pre"), plan.stream().map(LoadedStep::id).toList());
    }

    @Test
    void duplicateIdNamesBothSources() {
        LoadedStep a = new LoadedStep(new FakeStep("dup", 1, Set.of("create"), (c, s) -> c), "/jars/one.jar");
        LoadedStep b = new LoadedStep(new FakeStep("dup", 2, Set.of("create"), (c, s) -> c), "/jars/two.jar");
        DaylilyException e = assertThrows(DaylilyException.class, () -> Planner.plan(List.of(a, b), "create"));
        assertEquals(ExitCode.VALIDATION, e.exitCode());
        assertTrue(e.getMessage().contains("/jars/one.jar") && e.getMessage().contains("/jars/two.jar"), e.getMessage());
    }
}
