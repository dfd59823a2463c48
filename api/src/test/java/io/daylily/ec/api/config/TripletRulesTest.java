package io.daylily.ec.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PARITY §2.3–2.5 and §29.2–29.3. */
class TripletRulesTest {
    private static Triplet t(String a, String d, String s) {
        return new Triplet(a, d, s);
    }

    @Test
    void normalisation() {
        assertEquals("", Triplet.normalise(null));
        assertEquals("", Triplet.normalise("null"));
        assertEquals("", Triplet.normalise("None"));
        assertEquals("true", Triplet.normalise("True"));
        assertEquals("true", Triplet.normalise("TRUE"));
        assertEquals("false", Triplet.normalise("False"));
        assertEquals("false", Triplet.normalise("FALSE"));
        assertEquals("tRUE", Triplet.normalise("tRUE"));
        assertEquals("Yes", Triplet.normalise("Yes"));
        assertEquals("true", Triplet.normalise("true"));
    }

    @Test
    void autoSelect() {
        assertTrue(AutoSelect.applies(t("USESETVALUE", "", "subnet-123"), false));
        assertFalse(AutoSelect.applies(t("USESETVALUE", "", ""), false));
        assertTrue(AutoSelect.applies(t("PROMPTUSER", "", "subnet-123"), false));
        assertFalse(AutoSelect.applies(t("PROMPTUSER", "", ""), false));
        assertFalse(AutoSelect.applies(t("PROMPTUSER", "", "PROMPTUSER"), false));
        assertTrue(AutoSelect.applies(t("USESETVALUE", "", "PROMPTUSER"), false));
        assertFalse(AutoSelect.applies(t("USESETVALUE", "", "subnet-123"), true));
    }

    @Test
    void onlyExactlyOneDisables() {
        assertTrue(AutoSelect.disabled(Map.of("DAY_DISABLE_AUTO_SELECT", "1")));
        assertFalse(AutoSelect.disabled(Map.of("DAY_DISABLE_AUTO_SELECT", "0")));
        assertFalse(AutoSelect.disabled(Map.of("DAY_DISABLE_AUTO_SELECT", "yes")));
        assertFalse(AutoSelect.disabled(Map.of("DAY_DISABLE_AUTO_SELECT", "")));
        assertFalse(AutoSelect.disabled(Map.of()));
    }

    @Test
    void hasEffectiveSetValue() {
        assertTrue(AutoSelect.hasEffectiveSetValue(t("PROMPTUSER", "", "subnet-123")));
        assertFalse(AutoSelect.hasEffectiveSetValue(t("PROMPTUSER", "", "")));
        assertFalse(AutoSelect.hasEffectiveSetValue(t("PROMPTUSER", "", "PROMPTUSER")));
    }

    @Test
    void resolveValue() {
        ConfigSnapshot s = new ConfigSnapshot("x", List.of(
                ConfigEntry.of("a", t("USESETVALUE", "", "val")),
                ConfigEntry.of("b", t("PROMPTUSER", "", ""))), List.of());
        assertEquals("val", s.resolveValue("a", false));
        assertEquals("", s.resolveValue("b", false));
        assertEquals("", s.resolveValue("a", true));
    }

    @Test
    void effectiveDefault() {
        ConfigSnapshot s = new ConfigSnapshot("x", List.of(
                ConfigEntry.of("fsx_fs_size", t("PROMPTUSER", "4800", "")),
                ConfigEntry.of("empty", t("PROMPTUSER", "", ""))),
                List.of(new ConfigSnapshot.TemplateDefault("fsx_fs_size", "7200"),
                        new ConfigSnapshot.TemplateDefault("empty", "7200")));
        assertEquals("4800", s.effectiveDefault("fsx_fs_size", null));
        assertEquals("7200", s.effectiveDefault("empty", null));
        assertEquals("fb", s.effectiveDefault("unknown", "fb"));
        ConfigSnapshot none = new ConfigSnapshot("x", List.of(ConfigEntry.of("k", t("PROMPTUSER", "", ""))), List.of());
        assertEquals("9600", none.effectiveDefault("k", "9600"));
    }
}
