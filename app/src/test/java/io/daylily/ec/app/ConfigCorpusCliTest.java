package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.testing.FakeProcessRunner;
import io.daylily.ec.api.testing.FixedClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The malformed-config corpus through the real CLI: exit 1, one clear line, no stack trace, file unchanged. */
class ConfigCorpusCliTest {
    @TempDir
    Path home;

    static Stream<Path> corpus() throws Exception {
        return Files.list(Path.of("../steps-config/src/test/resources/corpus")).sorted();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void createNonInteractiveOnEachBadConfigExitsOne(Path source) throws Exception {
        Path f = home.resolve(source.getFileName());
        Files.copy(source, f);
        byte[] before = Files.readAllBytes(f);
        Map<String, String> env = Map.of("HOME", home.toString(), "DAYLILY_CONFIG_DIR", home.resolve("cfg").toString(),
                "AWS_PROFILE", "lab");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(env, new ByteArrayInputStream(new byte[0]), FixedClock.standard(), false, new FakeProcessRunner())
                .run(new String[] {"--json", "create", "--non-interactive", "--config", f.toString(), "--region-az", "us-west-2b"},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, e);
        assertFalse(e.contains("Exception"), e);
        assertFalse(e.contains("\tat "), e);
        List<String> failLines = e.lines().filter(l -> l.startsWith("✗ ") && !l.startsWith("✗ stopped")).toList();
        assertFalse(failLines.isEmpty(), e);
        assertArrayEquals(before, Files.readAllBytes(f), "unchanged: " + source);
        JsonNode summary = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(1, summary.get("exit_code").asInt());
        assertTrue(summary.get("report").get("checks").size() > 0);
        assertTrue(Files.exists(Path.of(summary.get("report_path").asText())), "report written on a FAIL abort");
    }
}
