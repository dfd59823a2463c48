package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The numeric DAYLILY_* settings at their boundaries: last accepted and first refused on each side. */
class EnvSettingsTest {
    private static boolean ok(String name, String value) {
        return EnvSettings.problem(Map.of(name, value)).isEmpty();
    }

    @Test
    void unsetIsFine() {
        assertEquals(Optional.empty(), EnvSettings.problem(Map.of()));
        assertEquals(Optional.empty(), EnvSettings.problem(Map.of("DAYLILY_PCLUSTER", "abc")), "not a numeric setting");
    }

    @Test
    void everyWholeNumberSettingAtItsBounds() {
        for (io.daylily.ec.support.Settings.Whole w : io.daylily.ec.support.Settings.WHOLE) {
            assertTrue(ok(w.name(), String.valueOf(w.min())), w.name() + " at its minimum");
            assertTrue(ok(w.name(), String.valueOf(w.max())), w.name() + " at its maximum");
            assertTrue(ok(w.name(), String.valueOf(w.example())), w.name() + " at its default");
            assertEquals(false, ok(w.name(), " " + w.example()), w.name() + " with a space: the steps read it as it is");
            assertEquals(false, ok(w.name(), String.valueOf(w.max() + 1)), w.name() + " above");
            if (w.min() > 0) {
                assertEquals(false, ok(w.name(), String.valueOf(w.min() - 1)), w.name() + " below");
            }
            for (String bad : new String[] {"abc", "-5", "1.5", "", "10s", "99999999999999"}) {
                assertEquals(false, ok(w.name(), bad), w.name() + "=" + bad);
            }
        }
    }

    @Test
    void theMonitorIntervalIsZeroToAnHour() {
        assertTrue(ok("DAYLILY_MONITOR_POLL_SECONDS", "0"));
        assertEquals(false, ok("DAYLILY_MONITOR_POLL_SECONDS", "-1"));
        assertTrue(ok("DAYLILY_MONITOR_TIMEOUT_MINUTES", "1"));
        assertEquals(false, ok("DAYLILY_MONITOR_TIMEOUT_MINUTES", "0"), "a timeout of nothing is a mistake");
        assertTrue(ok("DAYLILY_MONITOR_POLL_SECONDS", "3600"));
        assertEquals(false, ok("DAYLILY_MONITOR_POLL_SECONDS", "3601"));
        String m = EnvSettings.problem(Map.of("DAYLILY_MONITOR_POLL_SECONDS", "abc")).orElseThrow();
        assertEquals("DAYLILY_MONITOR_POLL_SECONDS='abc' is not a whole number of seconds from 0 to 3600; unset it (default 30)"
                + " or set e.g. DAYLILY_MONITOR_POLL_SECONDS=30", m);
    }

    @Test
    void theSpotBumpIsAnAmountFromZeroToAThousand() {
        for (String v : new String[] {"0", "4.14", "1000", "0.0001", "999.9999"}) {
            assertTrue(ok("DAYLILY_SPOT_BUMP", v), v);
        }
        for (String v : new String[] {"abc", "-1", "1000.0001", "1e3", "4.14159", "", ".5"}) {
            assertEquals(false, ok("DAYLILY_SPOT_BUMP", v), v);
        }
        assertTrue(EnvSettings.problem(Map.of("DAYLILY_SPOT_BUMP", "x\ny")).orElseThrow().contains("'x\\u000ay'"),
                "a line break is shown, not printed");
    }
}
