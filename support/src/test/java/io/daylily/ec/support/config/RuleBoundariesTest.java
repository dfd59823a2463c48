package io.daylily.ec.support.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.daylily.ec.api.config.ConfigKey;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key's rule at its boundaries, as the catalogue holds it (the gate applies the same rule). */
class RuleBoundariesTest {
    @ParameterizedTest(name = "{0} = ''{1}'' is {2}")
    @MethodSource("io.daylily.ec.support.config.RuleBoundaries#boundaries")
    void eachRuleAtItsBoundaries(String key, String value, String outcome) {
        ConfigKey k = ConfigKeys.named(key).orElseThrow();
        Optional<String> refusal = k.rule().check(value);
        assertEquals(outcome.equals(RuleBoundaries.OK), refusal.isEmpty(), key + "='" + value + "': " + refusal.orElse("accepted"));
        refusal.ifPresent(r -> assertEquals(false, r.isBlank(), "a refusal names the rule"));
    }
}
