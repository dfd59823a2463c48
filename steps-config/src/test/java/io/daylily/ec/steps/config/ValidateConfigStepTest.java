package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.support.config.Rules;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidateConfigStepTest {
    @TempDir
    Path dir;

    private List<CheckResult> validate(ConfigValues values) {
        TestServices s = TestServices.builder(dir).build();
        new ValidateConfigStep().run(RunContext.empty("1").with(ContextKeys.VALUES, values)
                .with(ContextKeys.CONFIG_FILE, "/x/cluster.yaml"), s);
        return s.events().checks();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frz-260509", "cluster1", "A2345", "a-1-b", "frz", "ab", "abcdefghijklmnopqrstuvwxy"})
    void acceptedClusterNames(String name) {
        assertTrue(Rules.clusterName(name).isEmpty(), name);
    }

    @Test
    void rejectedClusterNamesNameTheRule() {
        assertTrue(Rules.clusterName("260509-frz").get().contains("start with a letter"));
        assertTrue(Rules.clusterName("frz_260509").get().contains("contain only letters, digits, and hyphens"));
        assertTrue(Rules.clusterName("frz-260509-abcdefghijklmnop").get().contains("2-25 characters"));
        assertTrue(Rules.clusterName("a").get().contains("2-25 characters"));
        assertTrue(Rules.clusterName("").get().contains("required"));
        assertTrue(Rules.clusterName("ékluster").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1200", "2400", "4800", "7200", "9600", "12000", "14400"})
    void validFsxSizes(String size) {
        assertTrue(Rules.fsxSize(size).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3600", "6000", "1250", "abc", "0", "", "-2400", "99999999999"})
    void invalidFsxSizes(String size) {
        assertTrue(Rules.fsxSize(size).isPresent(), size);
    }

    @Test
    void otherRules() {
        assertTrue(Rules.email("a@b.com").isEmpty());
        assertTrue(Rules.email("a@b").isPresent());
        assertTrue(Rules.schedule("rate(60 minutes)").isEmpty());
        assertTrue(Rules.schedule("cron(0 12 * * ? *)").isEmpty());
        assertTrue(Rules.schedule("rate()").isPresent());
        assertTrue(Rules.schedule("every hour").isPresent());
        assertTrue(Rules.amount("200").isEmpty());
        assertTrue(Rules.amount("250.50").isEmpty());
        assertTrue(Rules.amount("0").isPresent());
        assertTrue(Rules.amount("-5").isPresent());
        assertTrue(Rules.count("0").isPresent());
        assertTrue(Rules.count("1").isEmpty());
        assertTrue(Rules.count("1.5").isPresent());
        assertTrue(Rules.heartbeatEmail("skip").isEmpty());
        assertTrue(Rules.users("ubuntu,alice").isEmpty());
        assertTrue(Rules.users("ubuntu, alice").isEmpty(), "issue #18: spaces around names are trimmed, as upstream");
        assertTrue(Rules.users(" alice ,  bob ").isEmpty());
        assertTrue(Rules.users("a").isEmpty());
        assertTrue(Rules.users("").get().contains("name 1 is empty"));
        assertTrue(Rules.users("alice,,bob").get().contains("name 2 is empty"));
        assertTrue(Rules.users("alice,").get().contains("name 2 is empty"));
        assertTrue(Rules.users("alice, ").get().contains("name 2 is empty"));
        assertTrue(Rules.users("alice bob").get().contains("'alice bob'"));
        assertTrue(Rules.users("al/ice").isPresent());
        assertTrue(Rules.subnet("subnet-0123abcd").isEmpty());
        assertTrue(Rules.subnet("sub-1").isPresent());
        assertTrue(Rules.roleArn("arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns").isEmpty());
        assertTrue(Rules.policyArn("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget").isEmpty());
        assertTrue(Rules.bucket("my-omics-analysis-us-west-2").isEmpty());
        assertTrue(Rules.bucket("My_Bucket").isPresent());
    }

    @Test
    void eachViolationIsAFailNamingKeyValueAndRule() {
        ConfigValues v = ConfigValues.empty().with(ConfigKeys.CLUSTER_NAME, "260509-frz").with(ConfigKeys.FSX_FS_SIZE, "3600")
                .with(ConfigKeys.BUDGET_EMAIL, "ops@example.com").with(ConfigKeys.ENFORCE_BUDGET, "sometimes");
        List<CheckResult> checks = validate(v);
        assertEquals(List.of("config.cluster_name", "config.budget_email", "config.enforce_budget", "config.fsx_fs_size").stream()
                .filter(id -> !id.equals("config.budget_email")).toList(), checks.stream().map(CheckResult::id).toList());
        CheckResult name = checks.get(0);
        assertEquals(CheckStatus.FAIL, name.status());
        assertEquals("260509-frz", name.details().get("value"));
        assertTrue(name.remediation().contains("cluster_name '260509-frz'"), name.remediation());
        assertTrue(name.remediation().contains("/x/cluster.yaml"), name.remediation());
        assertTrue(checks.get(1).remediation().contains("skip, enforce"));
    }

    @Test
    void allValidIsOnePass() {
        List<CheckResult> checks = validate(ConfigValues.empty().with(ConfigKeys.CLUSTER_NAME, "good").with(ConfigKeys.MAX_COUNT_8I, "3"));
        assertEquals(1, checks.size());
        assertEquals("config.values", checks.get(0).id());
        assertEquals(2, checks.get(0).details().get("checked"));
        assertFalse(checks.get(0).status() == CheckStatus.FAIL);
    }
}
