package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.api.config.ConfigEntry;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.Triplet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.daylily.ec.api.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static ConfigLoader.Loaded parse(String yaml) {
        return ConfigLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml));
    }

    @Test
    void upstreamFixtureLoads() {
        ConfigLoader.Loaded l = ConfigLoader.load(Fixtures.upstream().resolve("config/daylily_ephemeral_cluster_template.yaml"));
        ConfigSnapshot s = l.snapshot();
        assertEquals(List.of("ssh_key_name"), l.missingRequired(), "upstream [P] dropped ssh_key_name; we keep the key pair gate");
        assertEquals(25, s.entries().size());
        assertEquals("200", s.triplet("budget_amount").defaultValue());
        assertEquals("ubuntu", s.triplet("allowed_budget_users").defaultValue());
        assertEquals("ubuntu", s.triplet("global_allowed_budget_users").defaultValue());
        assertEquals("7200", s.templateDefaultsMap().get("fsx_fs_size"));
        assertEquals("4800", s.effectiveDefault("fsx_fs_size", null));
        assertTrue(s.entries().stream().allMatch(e -> e.action().equals("PROMPTUSER") && e.setValue().isEmpty()));
    }

    @Test
    void bundledTemplateHasUpstreamKeysAndDefaultsPlusTheKeyPair() {
        ConfigSnapshot up = ConfigLoader.load(Fixtures.upstream().resolve("config/daylily_ephemeral_cluster_template.yaml")).snapshot();
        ConfigLoader.Loaded ours = ConfigLoader.parse("bundled", ConfigFiles.bundledText().getBytes(StandardCharsets.UTF_8));
        assertTrue(ours.missingRequired().isEmpty(), "the bundled template has every required key");
        Map<String, String> upDefaults = new LinkedHashMap<>();
        for (ConfigEntry e : up.entries()) {
            if (!ours.missingRequired().contains(e.key()) && !e.key().equals("ssh_key_name")) {
                upDefaults.put(e.key(), e.defaultValue());
            }
        }
        Map<String, String> ourDefaults = new LinkedHashMap<>();
        for (ConfigEntry e : ours.snapshot().entries()) {
            if (!e.key().equals("ssh_key_name")) {
                ourDefaults.put(e.key(), e.defaultValue());
            }
        }
        assertEquals(new java.util.TreeMap<>(upDefaults), new java.util.TreeMap<>(ourDefaults));
        assertEquals(up.templateDefaultsMap(), ours.snapshot().templateDefaultsMap());
    }

    @Test
    void bundledTemplateIsCompleteAndIsTheFileOnDisk() {
        ConfigLoader.Loaded ours = ConfigLoader.parse("bundled", ConfigFiles.bundledText().getBytes(StandardCharsets.UTF_8));
        assertTrue(ours.missingRequired().isEmpty(), "the bundled template has every required key");
        assertEquals(ConfigKeys.REQUIRED.size(), ours.snapshot().entries().size());
        assertEquals(Triplet.ABSENT, ours.snapshot().triplet("ssh_key_name"));
        assertEquals("200", ours.snapshot().triplet("budget_amount").defaultValue());
        // the bundled file on disk is the resource in the jar
        assertEquals(ConfigFiles.bundledText(), readString(Fixtures.projectRoot().resolve(ConfigFiles.BUNDLED)));
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void loadsTheParityExample() {
        ConfigLoader.Loaded l = parse("""
                ephemeral_cluster:
                  config:
                    s3_bucket_name: [USESETVALUE, "", "my-bucket"]
                    cluster_name: PROMPTUSER
                  template_defaults:
                    fsx_fs_size: "7200"
                    headnode_instance_type: null
                    budget_amount: None
                """);
        assertEquals("my-bucket", l.snapshot().triplet("s3_bucket_name").setValue());
        assertEquals(Triplet.ABSENT, l.snapshot().triplet("cluster_name"));
        assertEquals(Map.of("fsx_fs_size", "7200"), l.snapshot().templateDefaultsMap(), "null/None entries dropped");
        assertEquals(ConfigKeys.REQUIRED.size() - 2, l.missingRequired().size());
        assertEquals(List.of("s3_bucket_name", "cluster_name"), l.snapshot().keys().subList(0, 2), "file order kept");
    }

    /** Issue #18: a template default keeps its scalar's text; the falsy rule is the triplets' alone (PARITY §2.2). */
    @Test
    void templateDefaultsKeepEveryUnquotedScalarsText() {
        ConfigLoader.Loaded l = parse("""
                ephemeral_cluster:
                  config:
                    delete_local_root: [PROMPTUSER, "", ""]
                    max_count_8I: [USESETVALUE, 0, 0]
                  template_defaults:
                    delete_local_root: false
                    enable_detailed_monitoring: True
                    max_count_8I: 0
                    max_count_128I: 3
                    fsx_fs_size: 4800.0
                    budget_amount: 0.0
                    headnode_instance_type: r7i.2xlarge
                    auto_delete_fsx: "Retain"
                    heartbeat_schedule: 2026-01-01
                    spot_instance_allocation_strategy: ~
                    max_count_192I: None
                """);
        Map<String, String> td = l.snapshot().templateDefaultsMap();
        assertEquals("false", td.get("delete_local_root"));
        assertEquals("true", td.get("enable_detailed_monitoring"), "a boolean as true/false");
        assertEquals("0", td.get("max_count_8I"));
        assertEquals("3", td.get("max_count_128I"));
        assertEquals("4800.0", td.get("fsx_fs_size"), "a float the Python way");
        assertEquals("0.0", td.get("budget_amount"));
        assertEquals("r7i.2xlarge", td.get("headnode_instance_type"));
        assertEquals("Retain", td.get("auto_delete_fsx"));
        assertEquals("2026-01-01", td.get("heartbeat_schedule"));
        assertFalse(td.containsKey("spot_instance_allocation_strategy"), "null dropped at load (PARITY §2.5)");
        assertFalse(td.containsKey("max_count_192I"), "None dropped at load");
        // and they win over the built-in fallback, as upstream's do
        assertEquals("false", l.snapshot().effectiveDefault("delete_local_root", "true"));
        assertEquals("0", l.snapshot().effectiveDefault("max_count_8I", "1"),
                "the triplet's own 0 is falsy (empty), so the template default 0 is the default");
        assertEquals("", l.snapshot().triplet("max_count_8I").setValue(), "in a triplet, 0 is still empty");
    }

    @Test
    void timestampsAndYesStayAsUpstreamSawThem() {
        ConfigLoader.Loaded l = parse("""
                ephemeral_cluster:
                  config:
                    cluster_name: [USESETVALUE, "", 2026-01-01]
                    delete_local_root: [USESETVALUE, "", yes]
                """);
        assertEquals("2026-01-01", l.snapshot().triplet("cluster_name").setValue());
        assertEquals("true", l.snapshot().triplet("delete_local_root").setValue());
    }

    @Test
    void emptyConfigSectionMeansEveryKeyMissing() {
        ConfigLoader.Loaded l = parse("ephemeral_cluster:\n  config:\n");
        assertEquals(ConfigKeys.REQUIRED_NAMES, l.missingRequired());
        assertEquals(ConfigKeys.REQUIRED_NAMES, l.snapshot().keys());
    }

    @Test
    void errorsNameTheProblemAndPlace() {
        assertTrue(error("ephemeral_cluster:\n  config:\n    cluster_name: [A]\n    cluster_name: [B]\n")
                .getMessage().contains("duplicate key cluster_name"));
        assertTrue(error("ephemeral_cluster:\n\tconfig:\n").getMessage().contains("tabs"));
        ConfigException unknown = error("ephemeral_cluster:\n  config:\n    clustr_name: [PROMPTUSER, \"\", \"\"]\n");
        assertTrue(unknown.getMessage().contains("unknown key config.clustr_name"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("did you mean cluster_name"), unknown.getMessage());
        assertTrue(error("- a\n- b\n").getMessage().contains("a list"));
        assertTrue(error("").getMessage().contains("is empty"));
        assertTrue(error("other: 1\n").getMessage().contains("no ephemeral_cluster"));
        assertTrue(error("ephemeral_cluster:\n  template_defaults: {}\n").getMessage().contains("no ephemeral_cluster.config"));
        assertTrue(error("ephemeral_cluster:\n  config: [1, 2]\n").getMessage().contains("must be a mapping"));
        assertTrue(error("ephemeral_cluster:\n  config: {}\n  extras: 1\n").getMessage().contains("ephemeral_cluster.extras"));
        assertTrue(error("a: 1\n---\nb: 2\n").getMessage().contains("test.yaml"));
        ConfigException bad = error("ephemeral_cluster:\n  config:\n    cluster_name: [PROMPTUSER, \"x\"\n");
        assertTrue(bad.getMessage().matches("(?s)test\\.yaml:\\d+:\\d+: .*"), bad.getMessage());
    }

    @Test
    void binaryAndNonUtf8AreRejected() {
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse("x", new byte[] {0, 1, 2}))
                .getMessage().contains("binary"));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.parse("x", new byte[] {'a', (byte) 0xff, 'b'}))
                .getMessage().contains("UTF-8"));
    }

    @Test
    void missingFileIsExitOneNamingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml") && e.getMessage().contains("does not exist"));
        assertEquals(1, e.exitCode().code());
        assertFalse(e.getMessage().isBlank());
    }
}
