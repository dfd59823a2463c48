package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.daylily.ec.support.config.Rules;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.support.config.RuleBoundaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config rule pinned at its boundaries: the last accepted and the first refused value on each
 * side, judged by the gate's outcome (the check id and its status), never by message text. An
 * accepted value gives the one PASS {@code config.values}; a refused one the FAIL {@code config.<key>}.
 */
class RuleBoundariesTest {
    @TempDir
    Path dir;

    private List<CheckResult> validate(ConfigValues values) {
        TestServices s = TestServices.builder(dir).workDir(dir).build();
        RunContext in = RunContext.empty("1").with(ContextKeys.VALUES, values);
        assertSame(in, new ValidateConfigStep().run(in, s), "the gate only reports; the context goes on unchanged");
        return s.events().checks();
    }

    @ParameterizedTest(name = "{0} = ''{1}'' is {2}")
    @MethodSource("io.daylily.ec.support.config.RuleBoundaries#boundaries")
    void eachRuleAtItsBoundaries(String key, String value, String outcome) {
        List<CheckResult> checks = validate(ConfigValues.empty().with(ConfigKeys.named(key).orElseThrow(), value));
        assertEquals(1, checks.size(), checks.toString());
        CheckResult c = checks.get(0);
        if (outcome.equals(RuleBoundaries.OK)) {
            assertEquals("config.values", c.id(), c.toString());
            assertEquals(CheckStatus.PASS, c.status());
        } else {
            assertEquals("config." + key, c.id(), c.toString());
            assertEquals(CheckStatus.FAIL, c.status());
            assertEquals(key, c.details().get("key"));
            assertEquals(value, c.details().get("value"));
        }
    }

    @Test
    void theTemplatePathMustNameAFileUnderTheWorkingDirectoryOrOnTheClassPath() throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), "Region: x\n");
        Files.createDirectories(dir.resolve("adir"));
        String absolute = dir.resolve("mine.yaml").toString();
        assertEquals("config.values", validate(ConfigValues.empty().with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "mine.yaml")).get(0).id());
        assertEquals("config.values", validate(ConfigValues.empty().with(ConfigKeys.CLUSTER_TEMPLATE_YAML, absolute)).get(0).id());
        // shipped in a jar on the class path (relative names only)
        assertEquals("config.values", validate(ConfigValues.empty().with(ConfigKeys.CLUSTER_TEMPLATE_YAML,
                "config/daylily_ephemeral_cluster_template.yaml")).get(0).id());
        for (String bad : new String[] {"", "missing.yaml", "adir", "/config/daylily_ephemeral_cluster_template.yaml"}) {
            CheckResult c = validate(ConfigValues.empty().with(ConfigKeys.CLUSTER_TEMPLATE_YAML, bad)).get(0);
            assertEquals("config.cluster_template_yaml", c.id(), bad);
            assertEquals(CheckStatus.FAIL, c.status(), bad);
        }
    }

    @Test
    void aPassCountsEveryCheckedValueAndAFailSuppressesThePass() {
        ConfigValues three = ConfigValues.empty().with(ConfigKeys.CLUSTER_NAME, "ab").with(ConfigKeys.MAX_COUNT_8I, "1").with(ConfigKeys.FSX_FS_SIZE, "1200");
        List<CheckResult> ok = validate(three);
        assertEquals(List.of("config.values"), ok.stream().map(CheckResult::id).toList());
        assertEquals(3, ok.get(0).details().get("checked"));
        assertEquals("ab", ok.get(0).details().get("cluster_name"));
        // keys without a rule are not counted
        assertEquals(3, validate(three.with(ConfigKeys.AWS_PROFILE, "x")).get(0).details().get("checked"));
        List<CheckResult> bad = validate(three.with(ConfigKeys.MAX_COUNT_128I, "0").with(ConfigKeys.BUDGET_AMOUNT, "0"));
        assertEquals(List.of("config.max_count_128I", "config.budget_amount"), bad.stream().map(CheckResult::id).toList());
    }
}
