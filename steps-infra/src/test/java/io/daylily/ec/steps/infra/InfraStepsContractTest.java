package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue #28: each infra step's metadata as data — id, place, pipelines, and whether (and how) it writes. */
class InfraStepsContractTest {
    private static void pinned(Step s, String id, int order, Set<String> pipelines, boolean resource) {
        assertEquals(id, s.id());
        assertEquals(order, s.order(), id);
        assertEquals(pipelines, s.pipelines(), id);
        assertFalse(s.description().isBlank(), id);
        assertTrue(s.mutatesAws(), id + " writes to AWS and says so");
        assertEquals(resource, s instanceof ResourceStep<?>, id);
        assertEquals(resource && pipelines.contains(Pipelines.CREATE), Pipelines.includes(s, Pipelines.PLAN), id + " in the plan");
    }

    @Test
    void everyInfraStepSaysWhereItRunsAndHowItWrites() {
        pinned(new InfraNetworkStep(), "infra.network", 300, Set.of(Pipelines.CREATE, Pipelines.INFRA_NETWORK), true);
        pinned(new IamEnsureStep(), "infra.iam", 310, Set.of(Pipelines.CREATE), true);
        pinned(new SchedulerRoleStep(), "infra.scheduler_role", 320, Set.of(Pipelines.CREATE), true);
        pinned(new BootstrapStep(), "infra.bootstrap", 350, Set.of(Pipelines.BOOTSTRAP_ACCOUNT, Pipelines.BOOTSTRAP_REGION), false);
        pinned(new BudgetsStep(), "policy.budgets", 525, Set.of(Pipelines.CREATE), true);
    }

    private static BudgetsStep.Spec spec(String name) {
        return new BudgetsStep.Spec(name, "200", List.of(25.0, 50.0), "ubuntu", ContextKeys.GLOBAL_BUDGET_NAME);
    }

    @Test
    void theBudgetsPlanSaysWhatAnExistingBudgetLacksAndOnlyTheTagRowsTheCreateAdds() {
        software.amazon.awssdk.services.budgets.model.Notification alert = BudgetsStep.notification(50.0);
        BudgetsStep.Decision d = new BudgetsStep.Decision(List.of(
                new BudgetsStep.Found(spec("complete"), new BudgetsStep.BudgetState("complete", true, List.of(), List.of())),
                new BudgetsStep.Found(spec("lacking"), new BudgetsStep.BudgetState("lacking", true, List.of(25.0), List.of(alert)))),
                "a@b.com", "s3://b/k", "complete\tubuntu\n", "complete\tubuntu\nlacking\tubuntu\n");
        List<PlannedChange> p = new BudgetsStep().describe(d);
        assertEquals(PlannedChange.of("budget", "complete", Action.REUSE), p.get(0));
        assertEquals(PlannedChange.of("budget", "lacking", Action.UPDATE).with("alerts_added_percent", List.of(25.0))
                .with("subscribers_added_percent", List.of(50.0)), p.get(1));
        assertEquals(PlannedChange.of("budget-tags file", "s3://b/k", Action.UPDATE).with("rows", List.of("lacking\tubuntu")), p.get(2));

        BudgetsStep.Decision same = new BudgetsStep.Decision(d.budgets().subList(0, 1), "a@b.com", "s3://b/k", "x\n", "x\n");
        assertEquals(PlannedChange.of("budget-tags file", "s3://b/k", Action.REUSE), new BudgetsStep().describe(same).get(1));
        BudgetsStep.Decision fresh = new BudgetsStep.Decision(List.of(), "a@b.com", "s3://b/k", "", "complete\tubuntu\n");
        assertEquals(Action.CREATE, new BudgetsStep().describe(fresh).get(0).action(), "no file yet: the create writes it");
    }
}
