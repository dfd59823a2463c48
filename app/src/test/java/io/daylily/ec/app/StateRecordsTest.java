package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateRecordsTest {
    private static StateRecords.Entry e(String cluster, String run, String kind, String status) {
        return new StateRecords.Entry(cluster, run, kind, "us-west-2", status, "state_" + cluster + "_" + run + ".json");
    }

    @Test
    void onlyCreatesAndRealDeletesWriteRecords() {
        RunContext ctx = RunContext.empty("1");
        assertEquals("create", RunComposition.recordKind(Pipelines.CREATE, ctx));
        assertEquals("delete", RunComposition.recordKind(Pipelines.DELETE, ctx));
        assertEquals("delete", RunComposition.recordKind(Pipelines.DELETE, ctx.with(ContextKeys.DRY_RUN, false)));
        assertNull(RunComposition.recordKind(Pipelines.DELETE, ctx.with(ContextKeys.DRY_RUN, true)), "a dry-run delete changes nothing");
        for (String readOnly : List.of(Pipelines.DRIFT, Pipelines.PREFLIGHT, Pipelines.BOOTSTRAP_ACCOUNT, Pipelines.BOOTSTRAP_REGION,
                Pipelines.INFRA_NETWORK, "step")) {
            assertNull(RunComposition.recordKind(readOnly, ctx), readOnly);
        }
    }

    @Test
    void theListShowsEachClustersNewestRecordAndShowTakesTheNewestCreate() {
        List<StateRecords.Entry> all = List.of(e("a", "20260101000000", "create", "complete"),
                e("b", "20260101000001", "create", "superseded"), e("a", "20260102000000", "delete", "complete"),
                e("b", "20260101000002", "create", "complete"), new StateRecords.Entry("", "", "", "", "ERROR", "state_x.json"));
        assertEquals(List.of(all.get(2), all.get(3), all.get(4)), StateRecords.latest(all));
        assertEquals(Optional.of(all.get(0)), StateRecords.latestCreate(all, "a"), "the create, not the later delete");
        assertEquals(Optional.of(all.get(3)), StateRecords.latestCreate(all, "b"));
        assertEquals(Optional.empty(), StateRecords.latestCreate(all, "c"));
    }

    @Test
    void aDeleteByStateFileKnowsItsClusterBeforeItStartsSoItTakesTheLock(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("state.json"), "{\"cluster_name\": \"lab\", \"run_id\": \"1\"}");
        RunContext byFile = RunContext.empty("2").with(ContextKeys.STATE_FILE, f.toString());
        assertEquals("lab", DeleteCommand.withRecordedName(byFile).require(ContextKeys.CLUSTER_NAME));
        RunContext named = byFile.with(ContextKeys.CLUSTER_NAME, "flag");
        assertEquals("flag", DeleteCommand.withRecordedName(named).require(ContextKeys.CLUSTER_NAME), "the flag wins");
        RunContext broken = RunContext.empty("2").with(ContextKeys.STATE_FILE, dir.resolve("absent.json").toString());
        assertEquals(broken, DeleteCommand.withRecordedName(broken), "left to delete.cluster, which reports it");
    }
}
