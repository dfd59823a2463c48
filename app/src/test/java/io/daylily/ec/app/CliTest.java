package io.daylily.ec.app;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>();
    String out;
    String err;

    @BeforeEach
    void setUp() {
        env.put("HOME", home.toString());
        env.put("DAYLILY_CONFIG_DIR", home.resolve("cfg").toString());
    }

    int run(String... args) {
        return runWithInput("", args);
    }

    int runWithInput(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new Cli(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), FixedClock.standard(),
                false, new FakeProcessRunner())
                .run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void noArgumentsPrintsUsageAndFails() {
        assertEquals(1, run());
        assertTrue(err.contains("usage: daylily-ec"), err);
        assertEquals("", out);
    }

    @Test
    void helpAskedForIsZeroOnStdoutSoItPipesIntoAPager() {
        assertEquals(0, run("--help"));
        assertTrue(out.startsWith("usage: daylily-ec"), out);
        assertEquals("", err);
        assertEquals(0, run("help", "create"));
        assertTrue(out.contains("--repo-override"), out);
        assertTrue(out.contains("--region-az"), out);
        assertEquals("", err);
        assertEquals(0, run("create", "--help"));
        assertTrue(out.contains("--non-interactive"), out);
        assertEquals(0, run("help"));
        assertTrue(out.contains("Commands:"), out);
    }

    @Test
    void theLiveLineWidthComesFromColumnsWhenExported() {
        assertEquals(132, RunComposition.columns(Map.of("COLUMNS", "132")));
        assertEquals(100, RunComposition.columns(Map.of()));
        assertEquals(100, RunComposition.columns(Map.of("COLUMNS", "wide")));
        assertEquals(100, RunComposition.columns(Map.of("COLUMNS", "0")));
    }

    @Test
    void versionGoesToStdout() {
        assertEquals(0, run("version"));
        assertTrue(out.startsWith("daylily-ec "), out);
    }

    @Test
    void unknownCommandIsExitOne() {
        assertEquals(1, run("frobnicate"));
        assertTrue(err.contains("unknown command 'frobnicate'"), err);
    }

    @Test
    void unknownFlagPrintsCommandUsageAndExitsOne() {
        assertEquals(1, run("create", "--bogus"));
        assertTrue(err.contains("unknown option --bogus"), err);
        assertTrue(err.contains("usage: daylily-ec create"), err);
        assertEquals("", out, "a usage error's help goes to stderr");
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void missingRegionAzIsExitOne() {
        assertEquals(1, run("create", "--non-interactive"));
        assertTrue(err.contains("missing required option --region-az"), err);
    }

    @Test
    void badAzIsExitOneWithTheRule() {
        assertEquals(1, run("preflight", "--region-az", "us-west-2"));
        assertTrue(err.contains("expected a letter"), err);
        assertEquals(1, run("preflight", "--region-az", "a"));
        assertTrue(err.contains("no region component"), err);
    }

    @Test
    void repoOverrideIsValidatedWhenParsed() {
        assertEquals(1, run("create", "--region-az", "us-west-2b", "--repo-override", "no-colon"));
        assertTrue(err.contains("must be KEY:REF"), err);
        assertEquals(1, run("create", "--region-az", "us-west-2b", "--repo-override", "bad key:ref"));
        // the bundled catalog decides the keys when the working directory has none (issue #16)
        assertEquals(1, run("create", "--region-az", "us-west-2b", "--repo-override", "daylily-omics-analysis:v1",
                "--repo-override", "no-such-repo:main"));
        assertTrue(err.contains("--repo-override key 'no-such-repo' is not in the repository catalog (bundled:"
                + "config/daylily_available_repositories.yaml); known keys: daylily-omics-analysis"), err);
        assertEquals(1, err.lines().filter(l -> !l.isBlank()).count(), "one line, no stack trace: " + err);
        assertEquals(1, run("preflight", "--region-az", "us-west-2b", "--repo-override", "a:b"),
                "preflight does not take --repo-override");
    }

    @Test
    void stepsListsBuiltInsWithTheirSource() {
        assertEquals(0, run("steps"));
        assertTrue(out.startsWith("ORDER  ID"), out);
    }

    @Test
    void stepsJsonIsMachineReadable() throws Exception {
        assertEquals(0, run("--json", "steps"));
        JsonNode rows = Json.mapper().readTree(out);
        assertTrue(rows.isArray());
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        rows.forEach(r -> byId.put(r.get("id").asText(), r));
        // issue #28: every pipeline a step is in, plan included, and how it may write
        assertEquals("[\"bootstrap-account\",\"bootstrap-region\",\"create\",\"infra-network\",\"plan\",\"preflight\"]",
                byId.get("preflight.identity").get("pipelines").toString());
        assertEquals("[\"create\",\"infra-network\",\"plan\"]", byId.get("infra.network").get("pipelines").toString());
        assertEquals("apply", byId.get("infra.network").get("shape").asText());
        assertTrue(byId.get("infra.network").get("mutates_aws").asBoolean());
        assertEquals("[\"create\"]", byId.get("pcluster.dry_run").get("pipelines").toString(), "the plan runs no dry run");
        assertEquals("no", byId.get("pcluster.dry_run").get("shape").asText());
        assertEquals("run", byId.get("delete.cluster").get("shape").asText(), "a plain step that declares it writes");
        assertFalse(byId.get("post.headnode").get("mutates_aws").asBoolean(), "ssh, no AWS write, whatever its order");
    }

    @Test
    void pluginStepAndListenerAreDiscoveredAndRun() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJars.build(plugins, "demo-plugin.jar",
                Map.of("demo.HelloStep", PluginJars.stepSource("demo", "HelloStep", "demo.hello", 150),
                        "demo.Marker", PluginJars.listenerSource("demo", "Marker", "marker.txt")),
                Map.of("io.daylily.ec.api.Step", "demo.HelloStep", "io.daylily.ec.api.RunListener", "demo.Marker"));

        assertEquals(0, run("steps", "--plugins", plugins.toString()));
        assertTrue(out.contains("demo.hello"), out);
        assertTrue(out.contains("demo-plugin.jar"), out);

        assertEquals(0, run("step", "run", "demo.hello", "--plugins", plugins.toString(), "--non-interactive"));
        JsonNode ctx = Json.mapper().readTree(out);
        assertEquals("hello from demo.hello", ctx.path("values").path("demo_greeting").asText());
        assertEquals("20260211120000", ctx.path("run_id").asText());
        assertEquals("0 1", Files.readString(home.resolve("cfg").resolve("marker.txt")), "plug-in listener ran");
        assertTrue(err.contains("✓ demo.hello"), err);
    }

    @Test
    void pluginsInConfigDirAreFoundWithoutFlag() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("cfg").resolve("plugins"));
        PluginJars.build(plugins, "auto.jar", Map.of("auto.S", PluginJars.stepSource("auto", "S", "auto.step", 155)),
                Map.of("io.daylily.ec.api.Step", "auto.S"));
        assertEquals(0, run("steps"));
        assertTrue(out.contains("auto.step"), out);
    }

    /** A plug-in sees the API and the JDK only (issue #15): one that reaches for an internal class is not loaded. */
    @Test
    void aPluginThatReachesForAnInternalClassIsRefusedNamingIt() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        String reaching = """
                package reach;
                import io.daylily.ec.api.*;
                import java.util.Set;
                public class S implements Step {
                    public String id() { return "reach.step"; }
                    public int order() { return 170; }
                    public Set<String> pipelines() { return Set.of("create"); }
                    public String description() { return "uses the CLI's internals"; }
                    public RunContext run(RunContext ctx, StepServices s) {
                        System.out.println(io.daylily.ec.app.Cli.system());
                        return ctx;
                    }
                }
                """;
        PluginJars.build(plugins, "reach.jar", Map.of("reach.S", reaching), Map.of("io.daylily.ec.api.Step", "reach.S"),
                System.getProperty("java.class.path"));
        PluginJars.build(plugins, "good.jar", Map.of("g.S", PluginJars.stepSource("g", "S", "good.step", 160)),
                Map.of("io.daylily.ec.api.Step", "g.S"));
        assertEquals(0, run("steps", "--plugins", plugins.toString()));
        assertTrue(err.contains("reach.jar was not loaded: it uses io.daylily.ec.app.Cli (used by reach.S), which is not"
                + " part of the plug-in API"), err);
        assertFalse(out.contains("reach.step"), out);
        assertTrue(out.contains("good.step"), "the other plug-ins still load: " + out);
    }

    @Test
    void aPluginsClassLoaderSeesTheApiAndNothingElseOfTheApplication() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path jar = PluginJars.build(plugins, "g.jar", Map.of("g.S", PluginJars.stepSource("g", "S", "g.step", 160)),
                Map.of("io.daylily.ec.api.Step", "g.S"));
        try (io.daylily.ec.app.runtime.PluginClassLoader loader =
                     new io.daylily.ec.app.runtime.PluginClassLoader(jar, Cli.class.getClassLoader())) {
            assertEquals(io.daylily.ec.api.Step.class, loader.loadClass("io.daylily.ec.api.Step"), "the one SPI");
            assertEquals(io.daylily.ec.support.config.ConfigKeys.class, loader.loadClass("io.daylily.ec.support.config.ConfigKeys"));
            assertEquals(com.fasterxml.jackson.databind.JsonNode.class, loader.loadClass("com.fasterxml.jackson.databind.JsonNode"));
            for (String internal : new String[] {"io.daylily.ec.app.Cli", "io.daylily.ec.steps.post.DeleteStep",
                    "com.google.common.eventbus.EventBus", "org.apache.commons.cli.Options",
                    "org.apache.logging.log4j.core.LoggerContext"}) {
                org.junit.jupiter.api.Assertions.assertThrows(ClassNotFoundException.class, () -> loader.loadClass(internal), internal);
            }
            assertEquals(String.class, loader.loadClass("java.lang.String"), "the JDK");
            assertEquals(loader, loader.loadClass("g.S").getClassLoader(), "its own classes");
        }
    }

    @Test
    void brokenPluginIsReportedAndSkipped() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJars.build(plugins, "broken.jar", Map.of(), Map.of("io.daylily.ec.api.Step", "demo.DoesNotExist"));
        PluginJars.build(plugins, "good.jar", Map.of("g.S", PluginJars.stepSource("g", "S", "good.step", 160)),
                Map.of("io.daylily.ec.api.Step", "g.S"));
        assertEquals(0, run("steps", "--plugins", plugins.toString()));
        assertTrue(err.contains("broken.jar failed to load and was skipped"), err);
        assertTrue(out.contains("good.step"), out);
    }

    @Test
    void duplicateStepIdsAcrossJarsAreRefusedNamingBoth() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJars.build(plugins, "one.jar", Map.of("p1.S", PluginJars.stepSource("p1", "S", "same.id", 150)),
                Map.of("io.daylily.ec.api.Step", "p1.S"));
        PluginJars.build(plugins, "two.jar", Map.of("p2.S", PluginJars.stepSource("p2", "S", "same.id", 151)),
                Map.of("io.daylily.ec.api.Step", "p2.S"));
        assertEquals(1, run("steps", "--plugins", plugins.toString()));
        assertTrue(err.contains("one.jar") && err.contains("two.jar"), err);
    }

    @Test
    void stepRunWithContextFileAndSet() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJars.build(plugins, "demo.jar", Map.of("d.S", PluginJars.stepSource("d", "S", "d.step", 150)),
                Map.of("io.daylily.ec.api.Step", "d.S"));
        Path ctx = home.resolve("ctx.json");
        Files.writeString(ctx, "{\"run_id\": \"20250101010101\", \"values\": {\"region\": \"eu-west-1\"}}");
        assertEquals(0, run("step", "run", "d.step", "--plugins", plugins.toString(), "--context", ctx.toString(),
                "--set", "cluster_name=abc-1"));
        JsonNode node = Json.mapper().readTree(out);
        assertEquals("20250101010101", node.path("run_id").asText());
        assertEquals("eu-west-1", node.path("values").path("region").asText());
        assertEquals("abc-1", node.path("values").path("cluster_name").asText());
    }

    @Test
    void stepRunUnknownIdIsExitOne() {
        assertEquals(1, run("step", "run", "no.such.step"));
        assertTrue(err.contains("no step with id 'no.such.step'"), err);
    }

    @Test
    void debugFlagIsAcceptedBeforeAndAfterTheCommand() {
        assertEquals(0, run("--debug", "steps"));
        assertEquals(0, run("steps", "--debug"));
    }

    @Test
    void logConfigurationsAreLoadedWithoutXmlOrScanningAndNeverLogSigningMaterial() throws Exception {
        for (String name : new String[] {"log4j2.properties", "log4j2-debug.properties"}) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Cli.class.getClassLoader().getResourceAsStream(name)) {
                p.load(in);
            }
            assertFalse(p.containsKey("packages"), "no class-path scanning: " + name);
            assertEquals("stderr", p.getProperty("appender.stderr.name"), name);
            assertEquals("SYSTEM_ERR", p.getProperty("appender.stderr.target"), "stdout stays clean for --json: " + name);
        }
        assertEquals("warn", load("log4j2.properties").getProperty("rootLogger.level"));
        java.util.Properties debug = load("log4j2-debug.properties");
        for (String signer : List.of("software.amazon.awssdk.http.auth", "software.amazon.awssdk.auth",
                "software.amazon.awssdk.identity")) {
            String id = debug.stringPropertyNames().stream().filter(k -> k.endsWith(".name") && signer.equals(debug.getProperty(k)))
                    .findFirst().orElseThrow(() -> new AssertionError("no logger for " + signer)).replace(".name", "");
            assertEquals("warn", debug.getProperty(id + ".level"), signer + " must stay above DEBUG");
        }
        assertEquals("rw-------", debug.getProperty("appender.file.filePermissions"));
        assertTrue(Cli.class.getClassLoader().getResource("log4j2.xml") == null, "one default configuration, not two");
    }

    private static java.util.Properties load(String name) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = Cli.class.getClassLoader().getResourceAsStream(name)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void planGuardStopsACreateThatCannotCreateAClusterWithExitFour() {
        io.daylily.ec.app.runtime.LoadedStep pre = new io.daylily.ec.app.runtime.LoadedStep(new PlanCheck() {
            @Override
            public String id() {
                return "preflight.fake";
            }

            @Override
            public int order() {
                return 200;
            }
        }, "test");
        java.util.List<io.daylily.ec.app.runtime.LoadedStep> guarded = PlanCheck.guard(java.util.List.of(pre));
        assertEquals(java.util.List.of("preflight.fake", "runtime.plan_check"), guarded.stream().map(io.daylily.ec.app.runtime.LoadedStep::id).toList());
        io.daylily.ec.api.DaylilyException e = org.junit.jupiter.api.Assertions.assertThrows(io.daylily.ec.api.DaylilyException.class,
                () -> guarded.get(1).step().run(io.daylily.ec.api.RunContext.empty("1"), null));
        assertEquals(4, e.exitCode().code());
        assertEquals("no_create_step", e.reason());
        io.daylily.ec.app.runtime.LoadedStep create = new io.daylily.ec.app.runtime.LoadedStep(new PlanCheck() {
            @Override
            public String id() {
                return "pcluster.create";
            }

            @Override
            public int order() {
                return 530;
            }
        }, "test");
        assertEquals(2, PlanCheck.guard(java.util.List.of(pre, create)).size(), "a plan that creates is left alone");
    }
}
