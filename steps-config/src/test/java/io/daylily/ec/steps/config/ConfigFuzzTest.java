package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import java.util.List;

/**
 * The config parser's only outcomes are a parsed config or a {@link DaylilyException} with exit 1.
 * A plain {@code mvn test} replays the committed inputs under
 * {@code src/test/resources/io/daylily/ec/steps/config/ConfigFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes for real.
 */
class ConfigFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parseNeverFailsUnexpectedly(byte[] data) {
        ConfigLoader.Loaded loaded;
        try {
            loaded = ConfigLoader.parse("fuzz.yaml", data);
        } catch (DaylilyException e) {
            assertEquals(ExitCode.VALIDATION, e.exitCode());
            assertFalse(e.getMessage().isBlank());
            return;
        }
        ConfigSnapshot s = loaded.snapshot();
        // Everything downstream of a parsed config must also hold: artifacts emit and re-parse.
        String next = ConfigArtifacts.nextRunTemplate(null, s, ConfigValues.empty(), false);
        ConfigLoader.Loaded again = ConfigLoader.parse("again.yaml", next.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of(), again.missingRequired());
        String patched = WriteBack.patch(loaded.text(), loaded.missingRequired());
        if (patched != null && !loaded.missingRequired().isEmpty()) {
            ConfigLoader.parse("patched.yaml", patched.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
