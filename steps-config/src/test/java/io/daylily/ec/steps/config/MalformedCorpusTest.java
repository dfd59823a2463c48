package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the malformed-config corpus ends in a FAIL naming the problem, and the file is left as it was. */
class MalformedCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus");

    /** Files that load but hold one invalid value: the check that must fail. */
    static final Map<String, String> INVALID_VALUE = Map.of(
            "36-invalid-cluster-name.yaml", "config.cluster_name",
            "37-invalid-fsx-size.yaml", "config.fsx_fs_size",
            "38-invalid-email.yaml", "config.budget_email",
            "39-invalid-schedule.yaml", "config.heartbeat_schedule",
            "40-invalid-enum.yaml", "config.auto_delete_fsx",
            "41-negative-count.yaml", "config.max_count_8I",
            "42-zero-budget.yaml", "config.budget_amount");

    @TempDir
    Path dir;

    static Stream<Path> corpus() throws Exception {
        return Files.list(CORPUS).sorted();
    }

    @Test
    void corpusHasAtLeastThirtyFiles() throws Exception {
        assertTrue(corpus().count() >= 30);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void eachFileFailsClearlyAndIsUnchanged(Path source) throws Exception {
        Path f = dir.resolve(source.getFileName());
        Files.copy(source, f);
        byte[] before = Files.readAllBytes(f);
        TestServices s = TestServices.builder(dir).workDir(dir).env("HOME", dir.toString()).env("AWS_PROFILE", "lab").build();
        RunContext ctx = RunContext.empty("20260211120000").with(ContextKeys.PIPELINE, "create")
                .with(ContextKeys.CONFIG_PATH, f.toString());
        ctx = new LoadConfigStep().run(ctx, s);
        if (s.events().checks().stream().noneMatch(c -> c.status() == CheckStatus.FAIL)) {
            ctx = new ResolveValuesStep().run(ctx, s);
            new ValidateConfigStep().run(ctx, s);
        }
        List<CheckResult> fails = s.events().checks().stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
        assertFalse(fails.isEmpty(), "no FAIL for " + source);
        String expected = INVALID_VALUE.getOrDefault(source.getFileName().toString(), "config.file");
        CheckResult first = fails.stream().filter(c -> c.id().equals(expected)).findFirst()
                .orElseThrow(() -> new AssertionError(source + ": expected " + expected + " in " + fails));
        assertFalse(first.remediation().isBlank());
        assertFalse(first.remediation().contains("Exception"), first.remediation());
        assertFalse(first.remediation().contains("\n\tat "), "no stack trace");
        if (expected.equals("config.file")) {
            assertTrue(first.remediation().contains(f.getFileName().toString()), "names the file: " + first.remediation());
        }
        assertArrayEquals(before, Files.readAllBytes(f), "file unchanged: " + source);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(f.getFileName().toString()), left.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("daylily_ephemeral_cluster.yaml")).toList(), "no temp files");
        }
    }
}
