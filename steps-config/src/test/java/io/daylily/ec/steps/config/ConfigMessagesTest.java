package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words of the config errors: what a bad value is, what YAML refused and where. */
class ConfigMessagesTest {
    private static String refusal(String yaml) {
        return assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("c.yaml", yaml.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void aValueIsNamedByWhatItIs() {
        assertEquals("a mapping", TripletParser.describe(Map.of()));
        assertEquals("a list", TripletParser.describe(List.of()));
        assertEquals("a boolean (true)", TripletParser.describe(true));
        assertEquals("a number (7)", TripletParser.describe(7));
        assertEquals("binary data", TripletParser.describe(new byte[] {1}));
        assertEquals("a String", TripletParser.describe("x"));
    }

    @Test
    void tabsAndDuplicateKeysAreExplainedWithTheirFix() {
        String tab = refusal("ephemeral_cluster:\n\tconfig:\n    cluster_name: [USESETVALUE, \"\", \"a\"]\n");
        assertTrue(tab.contains("(YAML does not allow tabs for indentation: use spaces)"), tab);
        String dup = refusal("ephemeral_cluster:\n  config:\n    cluster_name: [USESETVALUE, \"\", \"a\"]\n"
                + "    cluster_name: [USESETVALUE, \"\", \"b\"]\n");
        assertTrue(dup.contains("found duplicate key") && dup.contains("(each key may appear once)"), dup);
        assertTrue(!dup.contains("mapping: found duplicate key"), "the duplicate is named without SnakeYAML's context: " + dup);
        String plain = refusal("ephemeral_cluster:\n  config: [unclosed\n");
        assertTrue(!plain.contains("tabs") && !plain.contains("each key may appear once"), "no fix that does not apply: " + plain);
    }

    @Test
    void thePlaceIsOneBased() {
        assertEquals("", ConfigLoader.where(null));
        assertEquals(":1:1", ConfigLoader.where(new org.yaml.snakeyaml.error.Mark("c", 0, 0, 0, new int[0], 0)));
        assertEquals(":3:5", ConfigLoader.where(new org.yaml.snakeyaml.error.Mark("c", 0, 2, 4, new int[0], 0)));
    }
}
