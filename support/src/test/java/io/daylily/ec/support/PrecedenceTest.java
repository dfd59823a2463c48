package io.daylily.ec.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flag > file > environment > default, for the profile and the region alike. */
class PrecedenceTest {
    private static final Map<String, String> ENV = Map.of("AWS_PROFILE", "env-p", "AWS_REGION", "eu-west-1",
            "AWS_DEFAULT_REGION", "eu-central-1");

    @Test
    void eachLevelWinsOverTheOnesBelowIt() {
        assertEquals(Optional.of("flag"), Precedence.profile("flag", "file", ENV));
        assertEquals(Optional.of("file"), Precedence.profile(null, "file", ENV));
        assertEquals(Optional.of("env-p"), Precedence.profile(null, null, ENV));
        assertEquals(Optional.empty(), Precedence.profile(null, null, Map.of()), "the default chain");
        assertEquals(Optional.of("us-west-2"), Precedence.region("us-west-2", "us-east-1", ENV));
        assertEquals(Optional.of("us-east-1"), Precedence.region(null, "us-east-1", ENV));
        assertEquals(Optional.of("eu-west-1"), Precedence.region(null, null, ENV));
        assertEquals(Optional.of("eu-central-1"), Precedence.region(null, null, Map.of("AWS_DEFAULT_REGION", "eu-central-1")));
        assertEquals(Optional.empty(), Precedence.region(null, null, Map.of()));
    }

    @Test
    void aBlankValueIsAbsentAndValuesAreStripped() {
        assertEquals(Optional.of("file"), Precedence.profile("  ", "file", ENV));
        assertEquals(Optional.of("env-p"), Precedence.profile("", "\t", ENV));
        assertEquals(Optional.of("p"), Precedence.profile(" p ", null, ENV));
        assertEquals(Optional.empty(), Precedence.first());
        assertEquals(Optional.empty(), Precedence.first((String) null));
    }
}
