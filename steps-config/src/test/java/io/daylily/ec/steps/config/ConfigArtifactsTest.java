package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.config.Triplet;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigArtifactsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void template() throws Exception {
        Files.createDirectories(dir.resolve("config/day_cluster"));
        Files.writeString(dir.resolve("config/day_cluster/prod_cluster.yaml"), "Region: ${REGSUB_REGION}\n");
    }

    private RunContext runArtifacts(Path configFile, ConfigValues values, TestServices s) {
        ConfigSnapshot cfg = ConfigLoader.load(configFile).snapshot();
        return new ConfigArtifactsStep().run(RunContext.empty("20260211143722")
                .with(ContextKeys.CONFIG, cfg).with(ContextKeys.VALUES, values), s);
    }

    @Test
    void nextRunTemplateReproducesTheRunWithoutPrompts() throws Exception {
        Path cfgFile = dir.resolve("daylily_ephemeral_cluster_template.yaml");
        Files.writeString(cfgFile, ConfigFiles.bundledText());
        ConfigSnapshot cfg = ConfigLoader.load(cfgFile).snapshot();
        // first run: interactive answers
        ScriptedPrompter answers = ScriptedPrompter.answering("2", "3", "1", "prod-cluster", "ops@example.com", "",
                "500", "ubuntu,bob", "250", "2", "", "2", "", "rate(2 hours)", "3");
        ConfigValues first = new ValueResolver(cfg, answers, Map.of(), dir).resolveAll(ConfigValues.empty())
                .with(ConfigKeys.S3_BUCKET_NAME, "bucket-a").with(ConfigKeys.PUBLIC_SUBNET_ID, "subnet-0aaa1111")
                .with(ConfigKeys.PRIVATE_SUBNET_ID, "subnet-0bbb2222").with(ConfigKeys.SSH_KEY_NAME, "lab-omics")
                .with(ConfigKeys.IAM_POLICY_ARN, "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget")
                .with(ConfigKeys.HEARTBEAT_SCHEDULER_ROLE_ARN, "arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns");
        TestServices s = TestServices.builder(dir).build();
        RunContext out = runArtifacts(cfgFile, first, s);

        Path next = dir.resolve("prod-cluster_template.yaml");
        assertEquals(next.toString(), out.require(ConfigArtifactsStep.NEXT_RUN_TEMPLATE_PATH));
        assertEquals(java.util.List.of("Saved configuration snapshot to: " + out.require(ConfigArtifactsStep.FINAL_CONFIG_PATH),
                "Wrote reusable CLI configuration to: " + out.require(ConfigArtifactsStep.RESOLVED_CLI_CONFIG_PATH),
                "Next run, with no questions: --config " + next), ((ScriptedPrompter) s.prompter()).said());
        ConfigSnapshot again = ConfigLoader.load(next).snapshot();
        assertEquals(new Triplet("USESETVALUE", "", "bucket-a"), again.triplet("s3_bucket_name"));
        assertEquals(new Triplet("USESETVALUE", "majors-cluster", "prod-cluster"), again.triplet("cluster_name"));
        assertEquals(cfg.templateDefaultsMap(), again.templateDefaultsMap(), "template_defaults preserved");

        // second run: no prompt at all, same values
        ScriptedPrompter none = ScriptedPrompter.answering();
        ConfigValues second = new ValueResolver(again, none, Map.of(), dir).resolveAll(ConfigValues.empty());
        assertTrue(none.questions().isEmpty(), none.questions().toString());
        assertEquals(first.values(), second.values());
        assertFalse(Files.readString(next).contains("\"PROMPTUSER\"]"), "never a bare action word as a value");
    }

    @Test
    void autoSelectDisabledKeepsTheOriginalAction() throws Exception {
        Path cfgFile = dir.resolve("c.yaml");
        Files.writeString(cfgFile, ConfigFiles.bundledText());
        TestServices s = TestServices.builder(dir).env("DAY_DISABLE_AUTO_SELECT", "1").build();
        runArtifacts(cfgFile, ConfigValues.empty().with(ConfigKeys.CLUSTER_NAME, "prod-cluster").with(ConfigKeys.S3_BUCKET_NAME, "bucket-a"), s);
        ConfigSnapshot again = ConfigLoader.load(dir.resolve("prod-cluster_template.yaml")).snapshot();
        assertEquals(new Triplet("PROMPTUSER", "", "bucket-a"), again.triplet("s3_bucket_name"));
    }

    @Test
    void artifactsAreByteIdenticalForIdenticalInputAndNamedByContract() throws Exception {
        Path cfgFile = dir.resolve("my_cfg.yaml");
        Files.writeString(cfgFile, Complete.file() + "extra_top:\n  - {a: 1}\n  - b\n");
        ConfigValues v = new ValueResolver(ConfigLoader.load(cfgFile).snapshot(), ScriptedPrompter.answering(), Map.of(), dir)
                .resolveAll(ConfigValues.empty());
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        runArtifacts(cfgFile, v, TestServices.builder(a).build());
        runArtifacts(cfgFile, v, TestServices.builder(b).build());
        for (String name : new String[] {"my_cfg_final_20260211143722.yaml", "lab-cluster_cli_cfg_20260211143722.yaml",
                "lab-cluster_template.yaml"}) {
            assertEquals(Files.readString(a.resolve(name)), Files.readString(b.resolve(name)), name);
        }
        String cli = Files.readString(a.resolve("lab-cluster_cli_cfg_20260211143722.yaml"));
        assertTrue(cli.contains("max_count_8I: [\"USESETVALUE\", 2, 2]"), cli);
        assertTrue(cli.contains("delete_local_root: [\"USESETVALUE\", false, false]"), cli);
        assertTrue(cli.contains("extra_top:"), "other top-level content kept: " + cli);
        Object parsed = ConfigLoader.newYaml().load(cli);
        assertTrue(parsed instanceof Map);
        String fin = Files.readString(a.resolve("my_cfg_final_20260211143722.yaml"));
        assertTrue(fin.startsWith("ephemeral_cluster:\n  config:\n    s3_bucket_name: \"bucket-a\"\n"), fin);
    }

    @Test
    void emitterQuotesEverythingSafely() {
        assertEquals("\"a \\\"b\\\" \\\\ c\"", ConfigArtifacts.scalar("a \"b\" \\ c"));
        assertEquals("\"#not a comment: x\"", ConfigArtifacts.scalar("#not a comment: x"));
        String doc = ConfigArtifacts.emit(Map.of("k", java.util.List.of("x: y", "- z", "")));
        assertEquals(Map.of("k", java.util.List.of("x: y", "- z", "")), ConfigLoader.newYaml().load(doc));
        assertEquals(Boolean.TRUE, ConfigArtifacts.typed("TRUE"));
        assertEquals(new java.math.BigInteger("4800"), ConfigArtifacts.typed("4800"));
        assertEquals("4800.0", ConfigArtifacts.typed("4800.0"));
        assertEquals("", ConfigArtifacts.typed(""));
        assertEquals("unnamed", ConfigArtifacts.clusterForNames(
                new ConfigSnapshot("x", java.util.List.of(), java.util.List.of()), ConfigValues.empty()));
        assertEquals(StandardCharsets.UTF_8, StandardCharsets.UTF_8);
    }
}
