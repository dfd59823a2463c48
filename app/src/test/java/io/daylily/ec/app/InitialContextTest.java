package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.junit.jupiter.api.Test;

/** One builder for every command's initial context; the profile's precedence is flag > file > environment > default. */
class InitialContextTest {
    private static CommandLine parse(String... args) throws Exception {
        return new DefaultParser().parse(CliOptions.delete(), args, false);
    }

    @Test
    void theFlagWinsOverTheEnvironment() throws Exception {
        RunContext c = InitialContext.of("delete", "1", parse("--profile", "lab"))
                .profile(parse("--profile", "lab"), Map.of("AWS_PROFILE", "env")).build();
        assertEquals(Optional.of("lab"), c.get(ContextKeys.AWS_PROFILE));
    }

    @Test
    void withoutAFlagTheEnvironmentThenTheDefaultChain() throws Exception {
        CommandLine none = parse();
        assertEquals(Optional.of("env"), InitialContext.of("x", "1", none).profile(none, Map.of("AWS_PROFILE", "env"))
                .build().get(ContextKeys.AWS_PROFILE));
        assertFalse(InitialContext.of("x", "1", none).profile(none, Map.of("AWS_PROFILE", " ")).build()
                .contains(ContextKeys.AWS_PROFILE), "a blank AWS_PROFILE is the default chain");
        assertFalse(InitialContext.of("x", "1", none).profile(none, Map.of()).build().contains(ContextKeys.AWS_PROFILE));
    }

    @Test
    void aCommandWhoseStepsReadAFileLeavesTheEnvironmentToThem() throws Exception {
        CommandLine none = parse();
        assertFalse(InitialContext.of("delete", "1", none).profileFlag(none).build().contains(ContextKeys.AWS_PROFILE),
                "the record's profile comes before AWS_PROFILE, so the environment is not applied here");
        CommandLine flag = parse("--profile", " admin ");
        assertEquals(Optional.of("admin"), InitialContext.of("delete", "1", flag).profileFlag(flag).build()
                .get(ContextKeys.AWS_PROFILE));
    }

    @Test
    void theRunsFlagsOptionsAndPaths() throws Exception {
        CommandLine cl = parse("--non-interactive", "--debug", "--cluster-name", "c1", "--state-file", "rel/s.json");
        RunContext c = InitialContext.of("delete", "20260101000000", cl)
                .option(cl, "cluster-name", ContextKeys.CLUSTER_NAME)
                .option(cl, "region", ContextKeys.REGION)
                .path(cl, "state-file", ContextKeys.STATE_FILE).build();
        assertEquals("20260101000000", c.runId());
        assertEquals("delete", c.require(ContextKeys.PIPELINE));
        assertEquals(true, c.require(ContextKeys.NON_INTERACTIVE));
        assertEquals(true, c.require(ContextKeys.DEBUG));
        assertEquals(false, c.require(ContextKeys.PASS_ON_WARN));
        assertEquals("c1", c.require(ContextKeys.CLUSTER_NAME));
        assertFalse(c.contains(ContextKeys.REGION), "an option not given sets nothing");
        assertEquals(Path.of("rel/s.json").toAbsolutePath().toString(), c.require(ContextKeys.STATE_FILE));
    }
}
