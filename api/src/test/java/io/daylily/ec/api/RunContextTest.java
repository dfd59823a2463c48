package io.daylily.ec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunContextTest {
    @Test
    void withReturnsNewContextAndLeavesInputUntouched() {
        RunContext a = RunContext.empty("20260211120000");
        RunContext b = a.with(ContextKeys.REGION, "us-west-2");
        assertFalse(a.contains(ContextKeys.REGION));
        assertEquals("us-west-2", b.require(ContextKeys.REGION));
        assertEquals(a.runId(), b.runId());
    }

    @Test
    void requireNamesTheMissingKey() {
        DaylilyException e = assertThrows(DaylilyException.class,
                () -> RunContext.empty("1").require(ContextKeys.CLUSTER_NAME));
        assertEquals(ExitCode.VALIDATION, e.exitCode());
        assertTrue(e.getMessage().contains("cluster_name"), e.getMessage());
    }
}
