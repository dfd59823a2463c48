package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.support.config.ConfigKeys;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.event.WarningEvent;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadConfigStepTest {
    @TempDir
    Path dir;

    private RunContext ctx(String pipeline) {
        return RunContext.empty("20260211120000").with(ContextKeys.PIPELINE, pipeline);
    }

    private TestServices.Builder services() {
        return TestServices.builder(dir).workDir(dir).env("HOME", dir.toString()).env("AWS_PROFILE", "lab");
    }

    @Test
    void configFlagBeatsEnvironmentBeatsBundled() throws Exception {
        Path flag = dir.resolve("flag.yaml");
        Path env = dir.resolve("env.yaml");
        Files.writeString(flag, Complete.file());
        Files.writeString(env, Complete.file());
        TestServices s = services().env("DAY_EX_CFG", env.toString()).build();
        RunContext out = new LoadConfigStep().run(ctx("preflight").with(ContextKeys.CONFIG_PATH, "flag.yaml"), s);
        assertEquals(flag.toString(), out.require(ContextKeys.CONFIG_FILE));
        assertEquals("--config", s.events().check("config.file").details().get("source"));

        TestServices s2 = services().env("DAY_EX_CFG", env.toString()).build();
        assertEquals(env.toString(), new LoadConfigStep().run(ctx("preflight"), s2).require(ContextKeys.CONFIG_FILE));

        TestServices s3 = services().build();
        RunContext bundled = new LoadConfigStep().run(ctx("preflight"), s3);
        Path copy = dir.resolve("daylily_ephemeral_cluster.yaml");
        assertEquals(copy.toString(), bundled.require(ContextKeys.CONFIG_FILE));
        assertEquals(ConfigFiles.bundledText(), Files.readString(copy));
        assertTrue(((io.daylily.ec.api.testing.ScriptedPrompter) s3.prompter()).said().get(0).contains(copy.toString()));
    }

    @Test
    void namedFileThatDoesNotExistIsAFail() {
        TestServices s = services().build();
        RunContext in = ctx("create").with(ContextKeys.CONFIG_PATH, "missing.yaml");
        org.junit.jupiter.api.Assertions.assertSame(in, new LoadConfigStep().run(in, s), "nothing loaded, nothing added");
        CheckResult c = s.events().check("config.file");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("missing.yaml") && c.remediation().contains("does not exist"));
    }

    @Test
    void createAddsMissingKeysToTheFilePreflightDoesNot() throws Exception {
        Path f = dir.resolve("sparse.yaml");
        String text = "# mine\nephemeral_cluster:\n  config:\n    cluster_name: [USESETVALUE, \"\", \"abc-12\"] # keep\n";
        Files.writeString(f, text);
        new LoadConfigStep().run(ctx("preflight").with(ContextKeys.CONFIG_PATH, f.toString()), services().build());
        assertEquals(text, Files.readString(f), "preflight leaves the file alone");

        TestServices s = services().build();
        RunContext out = new LoadConfigStep().run(ctx("create").with(ContextKeys.CONFIG_PATH, f.toString()), s);
        String after = Files.readString(f);
        assertTrue(after.startsWith(text), after);
        assertTrue(after.contains("    s3_bucket_name: [PROMPTUSER, \"\", \"\"]\n"));
        assertEquals(ConfigKeys.REQUIRED.size(), out.require(ContextKeys.CONFIG).entries().size());
        assertEquals(true, s.events().check("config.file").details().get("missing_keys_added"));
        assertTrue(((io.daylily.ec.api.testing.ScriptedPrompter) s.prompter()).said().get(1)
                .startsWith("Added " + (ConfigKeys.REQUIRED.size() - 1) + " missing key(s) to " + f), "the user is told");
    }

    @Test
    void aBlankAwsProfileVariableIsNoProfile() throws Exception {
        Path g = dir.resolve("g.yaml");
        Files.writeString(g, "ephemeral_cluster:\n  config: {}\n");
        TestServices s = TestServices.builder(dir).workDir(dir).env("HOME", dir.toString()).env("AWS_PROFILE", "  ").build();
        RunContext out = new LoadConfigStep().run(ctx("preflight").with(ContextKeys.CONFIG_PATH, g.toString()), s);
        assertEquals(CheckStatus.FAIL, s.events().check("config.aws_profile").status());
        assertEquals(g.toString(), out.require(ContextKeys.CONFIG_FILE), "the config is loaded all the same");
        assertFalse(out.contains(ContextKeys.AWS_PROFILE));
    }

    @Test
    void profilePrecedence() throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, "ephemeral_cluster:\n  config:\n    aws_profile: [USESETVALUE, \"\", \"from-config\"]\n");
        RunContext base = ctx("preflight").with(ContextKeys.CONFIG_PATH, f.toString());
        // flag wins
        assertEquals("from-flag", new LoadConfigStep().run(base.with(ContextKeys.AWS_PROFILE, "from-flag"),
                services().build()).require(ContextKeys.AWS_PROFILE));
        // config beats environment
        assertEquals("from-config", new LoadConfigStep().run(base, services().build()).require(ContextKeys.AWS_PROFILE));
        // environment when neither
        Path g = dir.resolve("g.yaml");
        Files.writeString(g, "ephemeral_cluster:\n  config: {}\n");
        RunContext noCfg = ctx("preflight").with(ContextKeys.CONFIG_PATH, g.toString());
        assertEquals("lab", new LoadConfigStep().run(noCfg, services().build()).require(ContextKeys.AWS_PROFILE));
        // nothing at all: the legacy message
        TestServices none = TestServices.builder(dir).workDir(dir).env("HOME", dir.toString()).build();
        new LoadConfigStep().run(noCfg, none);
        assertEquals("AWS_PROFILE is not set. Please export AWS_PROFILE or use --profile.",
                none.events().check("config.aws_profile").remediation());
        // environment credentials without a profile are fine
        TestServices envCreds = TestServices.builder(dir).workDir(dir).env("HOME", dir.toString())
                .env("AWS_ACCESS_KEY_ID", "AKID").build();
        RunContext out = new LoadConfigStep().run(noCfg, envCreds);
        assertFalse(out.contains(ContextKeys.AWS_PROFILE));
        assertEquals(CheckStatus.PASS, envCreds.events().check("config.file").status());
    }

    @Test
    void unknownProfileIsAFailListingTheKnownOnes() throws Exception {
        Files.createDirectories(dir.resolve(".aws"));
        Files.writeString(dir.resolve(".aws/config"), "[default]\nregion=us-west-2\n[profile lab]\n[profile prod]\n");
        Path g = dir.resolve("g.yaml");
        Files.writeString(g, "ephemeral_cluster:\n  config: {}\n");
        TestServices s = services().build();
        new LoadConfigStep().run(ctx("preflight").with(ContextKeys.CONFIG_PATH, g.toString())
                .with(ContextKeys.AWS_PROFILE, "typo"), s);
        CheckResult c = s.events().check("config.aws_profile");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("default, lab, prod"), c.remediation());
        assertTrue(s.events().checks().stream().noneMatch(x -> x.id().equals("config.file")), "no PASS after the FAIL");

        TestServices d = services().build();
        new LoadConfigStep().run(ctx("preflight").with(ContextKeys.CONFIG_PATH, g.toString())
                .with(ContextKeys.AWS_PROFILE, "default"), d);
        assertEquals(1, d.events().published(WarningEvent.class).size(), "default profile warns");
    }
}
