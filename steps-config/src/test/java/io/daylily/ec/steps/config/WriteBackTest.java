package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.support.config.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBackTest {
    @TempDir
    Path dir;

    private static final String USER_FILE = """
            # my cluster settings -- keep these comments!
            ephemeral_cluster:
              config:
                cluster_name: [USESETVALUE, "", "lab-cluster"]   # our lab
                # budget people
                budget_email: ['PROMPTUSER', "", "ops@example.com"]
                fsx_fs_size:
                  - PROMPTUSER
                  - "7200"
                  - ""
              # defaults below
              template_defaults:
                fsx_fs_size: "7200"
            other_tool:
              setting: true   # not ours
            """;

    @Test
    void insertsOnlyNewLinesAndKeepsEverythingElseByteForByte() {
        String patched = WriteBack.patch(USER_FILE, List.of("s3_bucket_name", "max_count_8I"));
        String[] lines = patched.split("\n", -1);
        // the original text, with exactly two lines inserted after the last config entry
        String expected = USER_FILE.replace("      - \"\"\n  # defaults below",
                "      - \"\"\n    s3_bucket_name: [PROMPTUSER, \"\", \"\"]\n    max_count_8I: [PROMPTUSER, \"\", \"\"]\n  # defaults below");
        assertEquals(expected, patched);
        assertEquals(USER_FILE.split("\n", -1).length + 2, lines.length);
        ConfigLoader.Loaded l = ConfigLoader.parse("p", patched.getBytes(StandardCharsets.UTF_8));
        assertEquals("lab-cluster", l.snapshot().triplet("cluster_name").setValue());
        assertTrue(l.snapshot().has("s3_bucket_name"));
    }

    @Test
    void applyWritesAtomicallyKeepsModeAndIsIdempotent() throws Exception {
        Path f = dir.resolve("cluster.yaml");
        Files.writeString(f, USER_FILE);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        ConfigLoader.Loaded before = ConfigLoader.load(f);
        assertTrue(WriteBack.apply(f, before.text(), before.missingRequired()));
        ConfigLoader.Loaded after = ConfigLoader.load(f);
        assertTrue(after.missingRequired().isEmpty());
        assertTrue(after.text().startsWith(USER_FILE.substring(0, USER_FILE.indexOf("  # defaults below"))));
        assertTrue(after.text().endsWith("  # defaults below\n  template_defaults:\n    fsx_fs_size: \"7200\"\nother_tool:\n  setting: true   # not ours\n"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String once = Files.readString(f);
        assertTrue(WriteBack.apply(f, once, after.missingRequired()));
        assertEquals(once, Files.readString(f), "second run changes nothing");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void emptyConfigSection() {
        String patched = WriteBack.patch("ephemeral_cluster:\n  config:\n  template_defaults: {}\n", List.of("cluster_name"));
        assertEquals("ephemeral_cluster:\n  config:\n    cluster_name: [PROMPTUSER, \"\", \"\"]\n  template_defaults: {}\n", patched);
    }

    @Test
    void flowMapping() {
        assertEquals("ephemeral_cluster:\n  config: {cluster_name: [A, \"\", x], budget_email: [PROMPTUSER, \"\", \"\"]}\n",
                WriteBack.patch("ephemeral_cluster:\n  config: {cluster_name: [A, \"\", x]}\n", List.of("budget_email")));
        assertEquals("ephemeral_cluster: {config: {budget_email: [PROMPTUSER, \"\", \"\"]}}\n",
                WriteBack.patch("ephemeral_cluster: {config: {}}\n", List.of("budget_email")));
    }

    @Test
    void crlfAndNoTrailingNewline() {
        assertEquals("ephemeral_cluster:\r\n  config:\r\n    budget_email: [X]\r\n    cluster_name: [PROMPTUSER, \"\", \"\"]\r\n",
                WriteBack.patch("ephemeral_cluster:\r\n  config:\r\n    budget_email: [X]\r\n", List.of("cluster_name")));
        assertEquals("ephemeral_cluster:\n  config:\n    budget_email: [X]\n    cluster_name: [PROMPTUSER, \"\", \"\"]\n",
                WriteBack.patch("ephemeral_cluster:\n  config:\n    budget_email: [X]", List.of("cluster_name")));
    }

    @Test
    void hashInsideAMultiLineQuotedValueIsNotAComment() {
        // found by the fuzzer: a '#' line inside a multi-line quoted string must not be taken for a comment
        String text = "ephemeral_cluster:\n  config:\n    s3_bucket_name: [USESETVALUE, \"\", \"multi\n    # not a comment\"]\n";
        String patched = WriteBack.patch(text, List.of("cluster_name"));
        assertEquals(text + "    cluster_name: [PROMPTUSER, \"\", \"\"]\n", patched);
    }

    @Test
    void blockScalarAsLastValue() {
        String text = "ephemeral_cluster:\n  config:\n    cluster_name:\n      - A\n      - >-\n        # text\n  template_defaults: {}\n";
        String patched = WriteBack.patch(text, List.of("budget_email"));
        assertEquals(text.replace("  template_defaults", "    budget_email: [PROMPTUSER, \"\", \"\"]\n  template_defaults"), patched);
    }

    @Test
    void unpatchableLayoutIsLeftAlone() throws Exception {
        assertNull(WriteBack.patch("ephemeral_cluster:\n  config: ~\n", List.of("cluster_name")));
        Path f = dir.resolve("c.yaml");
        String text = "ephemeral_cluster:\n  config: ~\n";
        Files.writeString(f, text);
        assertFalse(WriteBack.apply(f, text, List.of("cluster_name")));
        assertEquals(text, Files.readString(f));
    }
}
