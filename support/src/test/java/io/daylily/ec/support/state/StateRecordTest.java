package io.daylily.ec.support.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state record is written and read by one type, with a schema version. */
class StateRecordTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBackWithItsVersion() throws Exception {
        Path f = StateRecord.of(Map.of(StateRecord.CLUSTER_NAME, "c1", StateRecord.REGION, "us-west-2",
                StateRecord.RUN_ID, "20260101000000", "aws_changes", List.of("a"), "exit_code", 0)).write(dir.resolve("s.json"));
        StateRecord r = StateRecord.read(f, ExitCode.AWS);
        assertEquals("c1", r.clusterName());
        assertEquals("us-west-2", r.region());
        assertEquals("20260101000000", r.runId());
        assertEquals(StateRecord.SCHEMA_VERSION, r.schemaVersion());
        assertEquals(List.of("a"), r.fields().get("aws_changes"));
        assertEquals("0", r.text("exit_code"));
        assertEquals("", r.text("absent"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String text = Files.readString(f);
        assertTrue(text.indexOf("\"aws_changes\"") < text.indexOf("\"cluster_name\"") && text.endsWith("}\n"), text);
    }

    @Test
    void aRecordWithoutAVersionIsVersionOneAndTheRegionFallsBackToTheAz() throws Exception {
        Path f = Files.writeString(dir.resolve("old.json"), "{\"region_az\": \"eu-west-1a\", \"aws_profile\": \"p\"}");
        StateRecord r = StateRecord.read(f, ExitCode.VALIDATION);
        assertEquals(1, r.schemaVersion());
        assertEquals("eu-west-1", r.region());
        assertEquals("p", r.awsProfile());
        assertEquals("", new StateRecord(null).region(), "neither region nor AZ");
    }

    @Test
    void anUnusableFileEndsWithTheCommandsExitCodeNamingIt() throws Exception {
        Path missing = dir.resolve("nope.json");
        DaylilyException drift = assertThrows(DaylilyException.class, () -> StateRecord.read(missing, ExitCode.AWS));
        assertEquals(ExitCode.AWS, drift.exitCode());
        assertEquals("State file not found: " + missing, drift.getMessage());
        assertEquals(ExitCode.VALIDATION, assertThrows(DaylilyException.class,
                () -> StateRecord.read(missing, ExitCode.VALIDATION)).exitCode());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"cluster_name\": ");
        DaylilyException e = assertThrows(DaylilyException.class, () -> StateRecord.read(bad, ExitCode.AWS));
        assertEquals(ExitCode.AWS, e.exitCode());
        assertTrue(e.getMessage().startsWith("State file " + bad + " is not readable JSON"), e.getMessage());
        Path array = Files.writeString(dir.resolve("array.json"), "[1]");
        assertTrue(assertThrows(DaylilyException.class, () -> StateRecord.read(array, ExitCode.AWS)).getMessage()
                .contains("is not a state record"));
    }

    @Test
    void aNewerSchemaIsRefusedNotHalfRead() throws Exception {
        Path same = Files.writeString(dir.resolve("v1.json"), "{\"schema_version\": " + StateRecord.SCHEMA_VERSION + "}");
        assertEquals(StateRecord.SCHEMA_VERSION, StateRecord.read(same, ExitCode.AWS).schemaVersion(), "the last accepted");
        Path newer = Files.writeString(dir.resolve("v2.json"), "{\"schema_version\": " + (StateRecord.SCHEMA_VERSION + 1) + "}");
        DaylilyException e = assertThrows(DaylilyException.class, () -> StateRecord.read(newer, ExitCode.AWS));
        assertEquals(ExitCode.VALIDATION, e.exitCode());
        assertTrue(e.getMessage().contains("newer than this daylily-ec reads"), e.getMessage());
    }
}
