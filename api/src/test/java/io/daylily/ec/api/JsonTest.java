package io.daylily.ec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Sample(String clusterName, List<String> items, Map<String, Object> details) {
    }

    @Test
    void writesPythonLikeSortedIndentedJson() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z", 1);
        details.put("a", null);
        String out = Json.write(new Sample("c1", List.of("x", "y"), details));
        assertEquals("""
                {
                  "cluster_name": "c1",
                  "details": {
                    "a": null,
                    "z": 1
                  },
                  "items": [
                    "x",
                    "y"
                  ]
                }
                """, out);
    }

    @Test
    void emptyContainersAreCompact() {
        assertEquals("{\n  \"a\": [],\n  \"b\": {}\n}\n", Json.write(Map.of("b", Map.of(), "a", List.of())));
    }
}
