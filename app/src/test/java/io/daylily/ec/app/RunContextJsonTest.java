package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.RepoOverrides;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigEntry;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunContextJsonTest {
    private static final ContextKey<Integer> COUNT = ContextKey.of("count", Integer.class);

    @Test
    void jsonRoundTripKeepsTypesAndIsSorted() {
        ConfigSnapshot snap = new ConfigSnapshot("/tmp/c.yaml",
                List.of(new ConfigEntry("zeta", "PROMPTUSER", "", ""), new ConfigEntry("alpha", "USESETVALUE", "d", "s")),
                List.of(new ConfigSnapshot.TemplateDefault("fsx_fs_size", "7200")));
        RunContext ctx = RunContext.empty("20260211120000")
                .with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.PASS_ON_WARN, true)
                .with(COUNT, 3)
                .with(ContextKeys.CONFIG, snap)
                .with(ContextKeys.VALUES, new ConfigValues(new TreeMap<>(Map.of("b", "2", "a", "1"))))
                .with(ContextKeys.REPO_OVERRIDES, new RepoOverrides(new TreeMap<>(Map.of("daylily", "v1:x"))));

        String json = RunContextJson.write(ctx);
        RunContext back = RunContextJson.read(json, List.of(ContextKeys.REGION, ContextKeys.PASS_ON_WARN, COUNT,
                ContextKeys.CONFIG, ContextKeys.VALUES, ContextKeys.REPO_OVERRIDES));

        assertEquals(ctx, back);
        assertEquals(snap, back.require(ContextKeys.CONFIG));
        assertEquals(List.of("zeta", "alpha"), back.require(ContextKeys.CONFIG).keys(), "entry order survives");
        assertEquals(json, RunContextJson.write(back), "byte-stable");
        assertTrue(json.indexOf("\"pass_on_warn\"") < json.indexOf("\"region\""), "sorted keys: " + json);
        assertTrue(json.endsWith("}\n"));
    }

    @Test
    void unknownKeysSurviveAsPlainValues() {
        String json = "{\"run_id\": \"7\", \"values\": {\"plugin_thing\": {\"a\": [1, 2]}}}";
        RunContext ctx = RunContextJson.read(json, List.of());
        assertEquals(Map.of("a", List.of(1, 2)), ctx.asMap().get("plugin_thing"));
    }

    @Test
    void malformedContextIsAValidationError() {
        DaylilyException e = assertThrows(DaylilyException.class, () -> RunContextJson.read("[1,", List.of()));
        assertEquals(ExitCode.VALIDATION, e.exitCode());
        DaylilyException e2 = assertThrows(DaylilyException.class,
                () -> RunContextJson.read("{\"run_id\": \"1\", \"values\": {\"count\": \"x\"}}", List.of(COUNT)));
        assertTrue(e2.getMessage().contains("count"), e2.getMessage());
    }

    @Test
    void parseValueConvertsCommandLineText() {
        assertEquals(5, RunContextJson.parseValue(COUNT, "5"));
        assertEquals(true, RunContextJson.parseValue(ContextKeys.PASS_ON_WARN, "true"));
        assertEquals("a b", RunContextJson.parseValue(ContextKeys.REGION, "a b"));
        assertThrows(DaylilyException.class, () -> RunContextJson.parseValue(COUNT, "five"));
    }
}
