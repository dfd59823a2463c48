package io.daylily.ec.support.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
    @TempDir
    Path dir;

    private void record(String cluster, String run, String kind, String status, String az, String stack) {
        StateRecord.of(Map.of("cluster_name", cluster, "run_id", run, "kind", kind, "status", status, "region_az", az,
                "region", az.isEmpty() ? "us-west-2" : az.substring(0, az.length() - 1), "cfn_stack_name", stack))
                .write(dir.resolve("state_" + cluster + "_" + run + ".json"));
    }

    @Test
    void recordsComeInRunOrderWithUnreadableOnesLast() throws Exception {
        record("a", "20260102000000", "create", "complete", "us-west-2b", "");
        record("a", "20260101000000", "create", "failed", "us-west-2b", "");
        Files.writeString(dir.resolve("state_broken_1.json"), "{not json");
        Files.writeString(dir.resolve("notes.json"), "{}");
        List<StateDirectory.Located> all = StateDirectory.all(dir);
        assertEquals(3, all.size(), "state_*.json only");
        assertEquals("20260101000000", all.get(0).record().runId());
        assertEquals("20260102000000", all.get(1).record().runId());
        assertFalse(all.get(2).readable());
        assertEquals(List.of(), StateDirectory.all(dir.resolve("absent")));
        assertEquals(1, StateDirectory.before(dir, "a", "20260102000000").size(), "strictly before the run");
        assertEquals(0, StateDirectory.before(dir, "b", "20990101000000").size(), "only the cluster's");
    }

    @Test
    void aCreateInheritsFromTheLatestCreateInItsAzUnlessADeleteCameBetween() {
        record("a", "20260101000000", "create", "in_progress", "us-west-2b", "stack-1");
        record("a", "20260102000000", "create", "failed", "us-east-1a", "stack-east");
        List<StateDirectory.Located> before = StateDirectory.before(dir, "a", "20260110000000");
        assertEquals(Optional.of("stack-1"), StateDirectory.inheritedFrom(before, "us-west-2b").map(r -> r.text("cfn_stack_name")));
        assertEquals(Optional.of("stack-east"), StateDirectory.inheritedFrom(before, "us-east-1a").map(r -> r.text("cfn_stack_name")));
        record("a", "20260103000000", "delete", "failed", "", "");
        assertTrue(StateDirectory.inheritedFrom(StateDirectory.before(dir, "a", "20260110000000"), "us-west-2b").isPresent(),
                "a failed delete removed nothing for sure");
        record("a", "20260104000000", "delete", "complete", "", "");
        assertEquals(Optional.empty(), StateDirectory.inheritedFrom(StateDirectory.before(dir, "a", "20260110000000"), "us-west-2b"));
        assertEquals(Optional.of("stack-east"), StateDirectory.inheritedFrom(StateDirectory.before(dir, "a", "20260110000000"),
                "us-east-1a").map(r -> r.text("cfn_stack_name")), "a delete in another region leaves this one's");
        record("a", "20260105000000", "create", "complete", "us-west-2b", "stack-2");
        assertEquals(Optional.of("stack-2"), StateDirectory.inheritedFrom(StateDirectory.before(dir, "a", "20260110000000"),
                "us-west-2b").map(r -> r.text("cfn_stack_name")));
        assertEquals(Optional.empty(), StateDirectory.inheritedFrom(List.of(), ""));
    }

    @Test
    void aRecordWithoutAKindIsACreate() {
        assertEquals("create", StateRecord.of(Map.of("run_id", "1")).kind());
        assertEquals("delete", StateRecord.of(Map.of("kind", "delete")).kind());
        assertEquals("x", StateRecord.of(Map.of()).with("status", "x").status());
    }
}
