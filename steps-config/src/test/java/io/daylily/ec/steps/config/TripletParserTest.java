package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.config.Triplet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PARITY §2.2–2.3 and §29.1. */
class TripletParserTest {
    private static Triplet t(String a, String d, String s) {
        return new Triplet(a, d, s);
    }

    @Test
    void actionWordAlone() {
        assertEquals(t("PROMPTUSER", "", ""), TripletParser.parse("k", "PROMPTUSER"));
        assertEquals(t("USESETVALUE", "", ""), TripletParser.parse("k", "USESETVALUE"));
    }

    @Test
    void positionalList() {
        assertEquals(t("USESETVALUE", "default-val", "subnet-abc123"),
                TripletParser.parse("k", List.of("USESETVALUE", "default-val", "subnet-abc123")));
        assertEquals(t("PROMPTUSER", "", ""), TripletParser.parse("k", List.of("PROMPTUSER", "")));
        assertEquals(t("PROMPTUSER", "", ""), TripletParser.parse("k", List.of()));
        assertEquals(t("PROMPTUSER", "", ""), TripletParser.parse("k", Arrays.asList(null, null, null)));
    }

    @Test
    void namedMap() {
        assertEquals(t("USESETVALUE", "", "subnet-abc123"), TripletParser.parse("k",
                Map.of("action", "USESETVALUE", "default_value", "", "set_value", "subnet-abc123")));
        assertEquals(t("USESETVALUE", "", ""), TripletParser.parse("k", Map.of("action", "USESETVALUE")));
        assertEquals(t("PROMPTUSER", "", ""), TripletParser.parse("k", null));
    }

    @Test
    void nullAndNoneWordsBecomeEmpty() {
        assertEquals(t("PROMPTUSER", "", ""), TripletParser.parse("k", List.of("PROMPTUSER", "null", "null")));
        assertEquals(t("PROMPTUSER", "", ""), TripletParser.parse("k", List.of("PROMPTUSER", "None", "None")));
    }

    @Test
    void booleanWordsNormalise() {
        assertEquals(t("PROMPTUSER", "true", "true"), TripletParser.parse("k", List.of("PROMPTUSER", "True", "TRUE")));
        assertEquals(t("PROMPTUSER", "false", "false"), TripletParser.parse("k", List.of("PROMPTUSER", "False", "FALSE")));
        assertEquals(t("PROMPTUSER", "true", "false"), TripletParser.parse("k", List.of("PROMPTUSER", "true", "false")));
    }

    @Test
    void falsyScalarsBecomeEmptyBeforeNormalisation() {
        assertEquals(t("USESETVALUE", "", ""), TripletParser.parse("k", List.of("USESETVALUE", "", false)));
        assertEquals(t("USESETVALUE", "", ""), TripletParser.parse("k", List.of("USESETVALUE", 0, 0)));
        assertEquals(t("USESETVALUE", "", ""), TripletParser.parse("k", List.of("USESETVALUE", 0.0, "")));
    }

    @Test
    void truthyScalarsAreStringifiedTheUpstreamWay() {
        assertEquals(t("USESETVALUE", "true", "200"), TripletParser.parse("k", List.of("USESETVALUE", true, 200)));
        assertEquals(t("USESETVALUE", "4800.0", ""), TripletParser.parse("k", List.of("USESETVALUE", 4800.0, "")));
    }

    @Test
    void otherActionWordsAreCarriedThrough() {
        assertEquals("ASKME", TripletParser.parse("k", List.of("ASKME", "", "")).action());
    }

    @Test
    void wrongShapesAreErrorsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> TripletParser.parse("fsx_fs_size", 4800));
        assertTrue(e.getMessage().contains("fsx_fs_size") && e.getMessage().contains("number"), e.getMessage());
        assertEquals(1, e.exitCode().code());
        assertThrows(ConfigException.class, () -> TripletParser.parse("k", true));
        assertThrows(ConfigException.class, () -> TripletParser.parse("k", List.of("A", "b", "c", "d")));
        assertThrows(ConfigException.class, () -> TripletParser.parse("k", List.of("A", List.of("x"), "")));
        assertThrows(ConfigException.class, () -> TripletParser.parse("k", List.of("A", Map.of("x", 1), "")));
        Map<String, Object> m = new HashMap<>();
        m.put("action", "USESETVALUE");
        m.put("sett_value", "x");
        ConfigException bad = assertThrows(ConfigException.class, () -> TripletParser.parse("k", m));
        assertTrue(bad.getMessage().contains("sett_value"), bad.getMessage());
        assertThrows(ConfigException.class, () -> TripletParser.parse("k", List.of("A", "x".repeat(5000), "")));
        assertThrows(ConfigException.class, () -> TripletParser.parse("k", List.of("A", "", "two\nlines")));
        assertThrows(ConfigException.class, () -> TripletParser.parse("k", new byte[] {1, 2}));
    }

    /** A triplet element: falsy scalars are empty (PARITY §2.2); a template default keeps its text (issue #18). */
    @Test
    void scalarAndTextAtEachType() {
        assertEquals("", TripletParser.scalar("k", "v", 0));
        assertEquals("", TripletParser.scalar("k", "v", 0L));
        assertEquals("", TripletParser.scalar("k", "v", java.math.BigInteger.ZERO));
        assertEquals("", TripletParser.scalar("k", "v", 0.0));
        assertEquals("", TripletParser.scalar("k", "v", -0.0));
        assertEquals("", TripletParser.scalar("k", "v", false));
        assertEquals("", TripletParser.scalar("k", "v", null));
        assertEquals("True", TripletParser.scalar("k", "v", true));
        assertEquals("1", TripletParser.scalar("k", "v", 1));
        assertEquals("-1", TripletParser.scalar("k", "v", -1L));
        assertEquals("12345678901234567890", TripletParser.scalar("k", "v", new java.math.BigInteger("12345678901234567890")));
        assertEquals("4800.0", TripletParser.scalar("k", "v", 4800.0));
        assertEquals("0.5", TripletParser.scalar("k", "v", 0.5));

        assertEquals("0", TripletParser.text("k", "v", 0));
        assertEquals("0", TripletParser.text("k", "v", java.math.BigInteger.ZERO));
        assertEquals("0.0", TripletParser.text("k", "v", 0.0));
        assertEquals("false", TripletParser.text("k", "v", false));
        assertEquals("true", TripletParser.text("k", "v", true));
        assertEquals("nan", TripletParser.text("k", "v", Double.NaN));
        assertEquals("inf", TripletParser.text("k", "v", Double.POSITIVE_INFINITY));
        assertEquals("-inf", TripletParser.text("k", "v", Double.NEGATIVE_INFINITY));
        assertEquals("1e+20", TripletParser.text("k", "v", 1e20));
        assertEquals("", TripletParser.text("k", "v", null));
        assertEquals("x", TripletParser.text("k", "v", "x"));
    }
}
