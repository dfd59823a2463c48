package io.daylily.ec.support.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The budget user list (issue #18): names trimmed; the message names the empty or invalid one. */
class UsersRuleTest {
    @Test
    void theMessageNamesTheFirstBadName() {
        assertEquals(Optional.empty(), Rules.users("ubuntu, alice ,bob"));
        assertEquals(Optional.of("must be a comma-separated list of user names, e.g. ubuntu,alice (name 1 is empty)"), Rules.users(" "));
        assertEquals(Optional.of("must be a comma-separated list of user names, e.g. ubuntu,alice (name 3 is empty)"),
                Rules.users("a,b,"));
        assertEquals(Optional.of("must be a comma-separated list of user names, e.g. ubuntu,alice ('b c' has a character other"
                + " than letters, digits, '.', '_' and '-')"), Rules.users("a, b c ,d"));
    }
}
