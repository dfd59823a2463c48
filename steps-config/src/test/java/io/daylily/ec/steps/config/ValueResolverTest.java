package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.PromptRequiredException;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueResolverTest {
    @TempDir
    Path work;

    @BeforeEach
    void template() throws Exception {
        Files.createDirectories(work.resolve("config/day_cluster"));
        Files.writeString(work.resolve("config/day_cluster/prod_cluster.yaml"), "Region: ${REGSUB_REGION}\n");
    }

    static ConfigSnapshot cfg(String configBody) {
        return ConfigLoader.parse("t", ("ephemeral_cluster:\n  config:\n" + configBody).getBytes(StandardCharsets.UTF_8)).snapshot();
    }

    static ConfigSnapshot bundled() {
        return ConfigLoader.parse("b", ConfigFiles.bundledText().getBytes(StandardCharsets.UTF_8)).snapshot();
    }

    private ConfigValues resolve(ConfigSnapshot c, ScriptedPrompter p, Map<String, String> env) {
        return new ValueResolver(c, p, env, work).resolveAll(ConfigValues.empty());
    }

    @Test
    void interactivePromptOrderMatchesTheLegacyScript() {
        // bundled defaults; answers: 3 max counts (Enter), cluster name, budget email, global users, global amount,
        // users, amount, enforce menu, template, headnode menu, heartbeat email (keep), schedule, strategy menu
        ScriptedPrompter p = ScriptedPrompter.answering("", "", "2", "", "ops@example.com", "", "", "", "300",
                "2", "", "3", "", "", "2");
        ConfigValues v = resolve(bundled(), p, Map.of());
        assertEquals(List.of("max_count_8I", "max_count_128I", "max_count_192I", "cluster_name", "budget_email",
                "global_allowed_budget_users", "global_budget_amount", "allowed_budget_users", "budget_amount",
                "enforce_budget", "cluster_template_yaml", "headnode_instance_type", "heartbeat_email",
                "heartbeat_schedule", "spot_instance_allocation_strategy"), p.keys());
        assertEquals("1", v.getOrEmpty(ConfigKeys.MAX_COUNT_8I));
        assertEquals("2", v.getOrEmpty(ConfigKeys.MAX_COUNT_192I));
        assertEquals("majors-cluster", v.getOrEmpty(ConfigKeys.CLUSTER_NAME));
        assertEquals("300", v.getOrEmpty(ConfigKeys.BUDGET_AMOUNT));
        assertEquals("enforce", v.getOrEmpty(ConfigKeys.ENFORCE_BUDGET));
        assertEquals("r7i.8xlarge", v.getOrEmpty(ConfigKeys.HEADNODE_INSTANCE_TYPE));
        assertEquals("ops@example.com", v.getOrEmpty(ConfigKeys.HEARTBEAT_EMAIL), "heartbeat defaults to the budget email");
        assertEquals("capacity-optimized", v.getOrEmpty(ConfigKeys.SPOT_INSTANCE_ALLOCATION_STRATEGY));
        assertEquals("4800", v.getOrEmpty(ConfigKeys.FSX_FS_SIZE), "valid FSx default taken silently");
        assertEquals("true", v.getOrEmpty(ConfigKeys.DELETE_LOCAL_ROOT));
        assertEquals("Delete", v.getOrEmpty(ConfigKeys.AUTO_DELETE_FSX));
        assertEquals("false", v.getOrEmpty(ConfigKeys.ENABLE_DETAILED_MONITORING));
        assertEquals("Enter cluster name (letters, digits and '-', a letter first, 2-25 chars) [majors-cluster]: ",
                p.questions().get(3));
        assertTrue(p.questions().get(9).contains("  1) No (skip) (default)"), p.questions().get(9));
        assertTrue(p.questions().get(11).contains("  1) r7i.2xlarge (default)"), p.questions().get(11));
        assertEquals(0, p.remaining());
    }

    /** Issue #18: an unquoted {@code false} in template_defaults is the value, not the built-in fallback true. */
    @Test
    void anUnquotedFalseTemplateDefaultIsTheResolvedValue() {
        String text = ConfigFiles.bundledText().replace("delete_local_root: \"true\"", "delete_local_root: false")
                .replace("delete_local_root: [PROMPTUSER, \"true\", \"\"]", "delete_local_root: [PROMPTUSER, \"\", \"\"]");
        assertTrue(text.contains("delete_local_root: false") && text.contains("delete_local_root: [PROMPTUSER, \"\", \"\"]"),
                "the bundled template has the keys to replace");
        ConfigSnapshot c = ConfigLoader.parse("b", text.getBytes(StandardCharsets.UTF_8)).snapshot();
        ScriptedPrompter p = ScriptedPrompter.answering("", "", "2", "", "ops@example.com", "", "", "", "300",
                "2", "", "3", "", "", "2");
        ConfigValues v = resolve(c, p, Map.of());
        assertEquals("false", v.getOrEmpty(ConfigKeys.DELETE_LOCAL_ROOT), "the file said false; the root volume is kept");
    }

    @Test
    void invalidAnswersAreReasked() {
        ScriptedPrompter p = ScriptedPrompter.answering("abc", "-1", "4", "", "", "260509-frz", "frz_1", "good-name",
                "not-an-email", "a@b.co", "", "", "", "", "", "", "", "", "", "");
        ConfigValues v = resolve(bundled(), p, Map.of());
        assertEquals("4", v.getOrEmpty(ConfigKeys.MAX_COUNT_8I));
        assertEquals("good-name", v.getOrEmpty(ConfigKeys.CLUSTER_NAME));
        assertEquals("a@b.co", v.getOrEmpty(ConfigKeys.BUDGET_EMAIL));
        assertTrue(p.said().stream().anyMatch(s -> s.contains("must start with a letter")), p.said().toString());
        assertTrue(p.said().stream().anyMatch(s -> s.contains("only letters, digits, and hyphens")), p.said().toString());
    }

    @Test
    void completeConfigResolvesWithoutAnyPrompt() {
        ScriptedPrompter p = ScriptedPrompter.answering();
        ConfigValues v = resolve(cfg(Complete.BODY), p, Map.of());
        assertTrue(p.questions().isEmpty(), p.questions().toString());
        assertEquals("lab-cluster", v.getOrEmpty(ConfigKeys.CLUSTER_NAME));
        assertEquals("bucket-a", v.getOrEmpty(ConfigKeys.S3_BUCKET_NAME));
        assertEquals("subnet-0123abcd", v.getOrEmpty(ConfigKeys.PUBLIC_SUBNET_ID));
    }

    @Test
    void nonInteractiveTakesValidDefaultsAndListsWhatIsMissing() {
        ValueResolver r = new ValueResolver(bundled(), ScriptedPrompter.nonInteractive(), Map.of(), work);
        ConfigValues v = r.resolveAll(ConfigValues.empty());
        assertEquals(List.of("budget_email"), r.unanswered().stream().map(PromptRequiredException::key).toList());
        assertEquals("majors-cluster", v.getOrEmpty(ConfigKeys.CLUSTER_NAME));
        assertEquals("skip", v.getOrEmpty(ConfigKeys.HEARTBEAT_EMAIL), "no budget email: heartbeat off");
        assertEquals("skip", v.getOrEmpty(ConfigKeys.ENFORCE_BUDGET));
        assertEquals("price-capacity-optimized", v.getOrEmpty(ConfigKeys.SPOT_INSTANCE_ALLOCATION_STRATEGY));
    }

    @Test
    void dayContactEmailIsTheBudgetEmailFallback() {
        ValueResolver r = new ValueResolver(bundled(), ScriptedPrompter.nonInteractive(),
                Map.of("DAY_CONTACT_EMAIL", "team@example.org"), work);
        ConfigValues v = r.resolveAll(ConfigValues.empty());
        assertTrue(r.unanswered().isEmpty());
        assertEquals("team@example.org", v.getOrEmpty(ConfigKeys.BUDGET_EMAIL));
        assertEquals("team@example.org", v.getOrEmpty(ConfigKeys.HEARTBEAT_EMAIL));
    }

    @Test
    void autoSelectDisabledIgnoresSetValues() {
        ScriptedPrompter p = ScriptedPrompter.nonInteractive();
        ValueResolver r = new ValueResolver(cfg(Complete.BODY), p, Map.of("DAY_DISABLE_AUTO_SELECT", "1"), work);
        ConfigValues v = r.resolveAll(ConfigValues.empty());
        assertEquals("", v.getOrEmpty(ConfigKeys.S3_BUCKET_NAME), "set values ignored");
        assertEquals("dflt-cluster", v.getOrEmpty(ConfigKeys.CLUSTER_NAME), "the default is used instead");
    }

    /** The complete config with the heartbeat email asked for (no set value, no default of its own). */
    static final String HEARTBEAT_ASKED = Complete.BODY.replace("heartbeat_email: [USESETVALUE, \"\", \"hb@example.com\"]",
            "heartbeat_email: [PROMPTUSER, \"\", \"\"]");

    @Test
    void heartbeatSkipAndInvalidEmail() {
        ScriptedPrompter p = ScriptedPrompter.answering("nope", "skip");
        ValueResolver r = new ValueResolver(cfg(HEARTBEAT_ASKED), p, Map.of(), work);
        ConfigValues v = r.resolveAll(ConfigValues.empty());
        assertEquals("skip", v.getOrEmpty(ConfigKeys.HEARTBEAT_EMAIL));
        assertTrue(p.questions().get(1).startsWith("Enter a valid email [") && p.questions().get(1).contains("leave blank to keep"),
                p.questions().get(1));
        assertEquals("rate(60 minutes)", v.getOrEmpty(ConfigKeys.HEARTBEAT_SCHEDULE), "no schedule question when skipped");
        assertEquals(List.of("  Invalid email format."), p.said().stream().filter(l -> l.contains("Invalid")).toList());
    }

    @Test
    void afterAnInvalidHeartbeatEmailEnterStillKeepsTheDefault() {
        ScriptedPrompter p = ScriptedPrompter.answering("nope", "", "rate(2 hours)");
        ValueResolver r = new ValueResolver(cfg(HEARTBEAT_ASKED.replace("heartbeat_schedule: [USESETVALUE, \"\", \"rate(4 hours)\"]",
                "heartbeat_schedule: [PROMPTUSER, \"rate(60 minutes)\", \"\"]")), p, Map.of(), work);
        ConfigValues v = r.resolveAll(ConfigValues.empty());
        String budget = v.getOrEmpty(ConfigKeys.BUDGET_EMAIL);
        assertFalse(budget.isEmpty());
        assertEquals(budget, v.getOrEmpty(ConfigKeys.HEARTBEAT_EMAIL), "Enter keeps the default the first question offered");
        assertTrue(p.questions().get(0).contains("[" + budget + "] (leave blank to keep"), p.questions().get(0));
        assertEquals("rate(2 hours)", v.getOrEmpty(ConfigKeys.HEARTBEAT_SCHEDULE), "the heartbeat stays on, so its schedule is asked");
    }

    @Test
    void withNoDefaultEnterAfterAnInvalidEmailSkips() {
        ScriptedPrompter p = ScriptedPrompter.answering("nope", "");
        ValueResolver r = new ValueResolver(cfg(HEARTBEAT_ASKED), p, Map.of(), work);
        assertEquals("skip", r.heartbeatEmail(""));
        assertEquals("Enter a valid email (leave blank to skip): ", p.questions().get(1));
    }

    @Test
    void fsxMenuWhenTheDefaultIsInvalid() {
        ConfigSnapshot c = cfg(Complete.BODY.replace("fsx_fs_size: [USESETVALUE, \"\", \"7200\"]", "fsx_fs_size: [PROMPTUSER, \"3600\", \"\"]"));
        ScriptedPrompter p = ScriptedPrompter.answering("2");
        assertEquals("2400", new ValueResolver(c, p, Map.of(), work).resolveAll(ConfigValues.empty()).getOrEmpty(ConfigKeys.FSX_FS_SIZE));
        assertTrue(p.questions().get(0).contains("  [7] 14400"), p.questions().get(0));
        ScriptedPrompter explicit = ScriptedPrompter.answering("1250", "9600");
        assertEquals("9600", new ValueResolver(c, explicit, Map.of(), work).resolveAll(ConfigValues.empty()).getOrEmpty(ConfigKeys.FSX_FS_SIZE));
    }

    @Test
    void monitoringQuirk() {
        ConfigSnapshot c = cfg("    enable_detailed_monitoring: [USESETVALUE, \"\", \"TRUE\"]\n");
        ValueResolver off = new ValueResolver(c, ScriptedPrompter.nonInteractive(), Map.of("DAY_DISABLE_AUTO_SELECT", "1"), work);
        assertEquals("true", off.monitoring(), "USESETVALUE is read even with auto-select disabled");
        ConfigSnapshot d = cfg("    enable_detailed_monitoring: [PROMPTUSER, \"True\", \"\"]\n");
        assertEquals("true", new ValueResolver(d, ScriptedPrompter.nonInteractive(), Map.of(), work).monitoring());
    }

    @Test
    void keysAlreadySettledAreNotTouched() {
        ConfigValues start = ConfigValues.empty().with(ConfigKeys.CLUSTER_NAME, "from-earlier");
        ConfigValues v = new ValueResolver(cfg(Complete.BODY), ScriptedPrompter.answering(), Map.of(), work).resolveAll(start);
        assertEquals("from-earlier", v.getOrEmpty(ConfigKeys.CLUSTER_NAME));
    }
}
