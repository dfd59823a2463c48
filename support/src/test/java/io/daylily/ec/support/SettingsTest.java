package io.daylily.ec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each DAYLILY_* number is read by its one rule: unset is its default, out of range is exit 1 naming it. */
class SettingsTest {
    @Test
    void unsetIsTheDefaultAndASetValueIsItsUnit() {
        assertEquals(Duration.ofSeconds(30), Settings.MONITOR_POLL_SECONDS.duration(Map.of()));
        assertEquals(Duration.ofMinutes(120), Settings.MONITOR_TIMEOUT_MINUTES.duration(Map.of()));
        assertEquals(Duration.ofMinutes(7), Settings.DELETE_TIMEOUT_MINUTES.duration(Map.of("DAYLILY_DELETE_TIMEOUT_MINUTES", "7")));
        assertEquals(0, Settings.STACK_POLL_SECONDS.read(Map.of("DAYLILY_STACK_POLL_SECONDS", "0")), "poll again at once");
        assertTrue(Settings.DELETE_POLL_SECONDS.isSet(Map.of("DAYLILY_DELETE_POLL_SECONDS", "1")));
        assertFalse(Settings.DELETE_POLL_SECONDS.isSet(Map.of()));
    }

    @Test
    void aValueOutOfRuleIsAValidationErrorNamingTheVariableAndTheFix() {
        DaylilyException e = assertThrows(DaylilyException.class,
                () -> Settings.MONITOR_TIMEOUT_MINUTES.read(Map.of("DAYLILY_MONITOR_TIMEOUT_MINUTES", "0")));
        assertEquals(ExitCode.VALIDATION, e.exitCode());
        assertEquals("DAYLILY_MONITOR_TIMEOUT_MINUTES='0' is not a whole number of minutes from 1 to 1440; unset it"
                + " (default 120) or set e.g. DAYLILY_MONITOR_TIMEOUT_MINUTES=120", e.getMessage());
        assertEquals(1440, Settings.MONITOR_TIMEOUT_MINUTES.read(Map.of("DAYLILY_MONITOR_TIMEOUT_MINUTES", "1440")), "the last accepted");
        assertTrue(Settings.MONITOR_TIMEOUT_MINUTES.problem(Map.of("DAYLILY_MONITOR_TIMEOUT_MINUTES", "1441")).isPresent());
    }

    @Test
    void aSettingWithoutADefaultSaysSoInsteadOfInventingOne() {
        String m = Settings.PCLUSTER_TIMEOUT_SECONDS.problem(Map.of("DAYLILY_PCLUSTER_TIMEOUT_SECONDS", "x")).orElseThrow();
        assertTrue(m.contains("unset it (no limit)"), m);
    }

    @Test
    void theFirstProblemIsReportedAndControlCharactersAreShown() {
        assertEquals(Optional.empty(), Settings.problem(Map.of()));
        String m = Settings.problem(Map.of("DAYLILY_IMAGE_POLL_SECONDS", "1\n", "DAYLILY_WEBHOOK_DRAIN_SECONDS", "5")).orElseThrow();
        assertTrue(m.startsWith("DAYLILY_IMAGE_POLL_SECONDS='1\\u000a'"), m);
        assertEquals("a\\u0007b", Settings.printable("a\u0007b"));
    }

    @Test
    void theSpotBumpIsReadByItsRuleAtItsBoundaries() {
        assertEquals(new java.math.BigDecimal("4.14"), Settings.SPOT_BUMP.read(Map.of()), "the default");
        assertEquals(new java.math.BigDecimal("1000"), Settings.SPOT_BUMP.read(Map.of("DAYLILY_SPOT_BUMP", "1000")), "the last accepted");
        assertEquals(new java.math.BigDecimal("0"), Settings.SPOT_BUMP.read(Map.of("DAYLILY_SPOT_BUMP", "0")));
        DaylilyException e = assertThrows(DaylilyException.class,
                () -> Settings.SPOT_BUMP.read(Map.of("DAYLILY_SPOT_BUMP", "1000.0001")), "the first refused");
        assertEquals(ExitCode.VALIDATION, e.exitCode());
        assertEquals("DAYLILY_SPOT_BUMP='1000.0001' is not an amount in USD from 0 to 1000 with at most 4 decimals;"
                + " unset it (default 4.14) or set e.g. DAYLILY_SPOT_BUMP=4.14", e.getMessage());
        for (String bad : new String[] {"abc", "-1", "1e3", "4.14159", "", ".5", "10000"}) {
            assertTrue(Settings.SPOT_BUMP.problem(Map.of("DAYLILY_SPOT_BUMP", bad)).isPresent(), bad);
        }
        assertEquals(Optional.of(Settings.SPOT_BUMP.problem(Map.of("DAYLILY_SPOT_BUMP", "x")).orElseThrow()),
                Settings.problem(Map.of("DAYLILY_SPOT_BUMP", "x")), "the runtime's one check includes it");
    }
}
