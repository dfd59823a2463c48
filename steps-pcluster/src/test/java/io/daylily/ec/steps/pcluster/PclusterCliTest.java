package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.ProcessSpec;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.testing.FakeProcessRunner;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one place that knows pcluster's flags (REFERENCE §1): argv, environment, timeouts, JSON. */
class PclusterCliTest {
    @TempDir
    Path dir;

    private static PclusterCli.Result result(int exit, String stdout, boolean timedOut) {
        return new PclusterCli.Result(exit, PclusterCli.parse(stdout), stdout, "", timedOut);
    }

    @Test
    void statusIsReadOnlyFromASuccessfulCallThatSaysIt() {
        assertEquals("CREATE_IN_PROGRESS", PclusterCli.status(result(0, "{\"clusterStatus\":\"CREATE_IN_PROGRESS\"}", false)));
        assertNull(PclusterCli.status(result(1, "{\"clusterStatus\":\"CREATE_IN_PROGRESS\"}", false)), "a failed call says nothing");
        assertNull(PclusterCli.status(result(0, "{\"clusterStatus\":\"CREATE_IN_PROGRESS\"}", true)), "a timed-out call says nothing");
        assertNull(PclusterCli.status(result(0, "{\"clusterStatus\":\"\"}", false)));
        assertNull(PclusterCli.status(result(0, "{\"other\":1}", false)));
        assertEquals("CREATE_COMPLETE", PclusterCli.status(result(0, "\"CREATE_COMPLETE\"", false)), "a JSON string");
        assertEquals("CREATE_COMPLETE", PclusterCli.status(result(0, "  CREATE_COMPLETE \n", false)), "plain text, stripped");
        assertNull(PclusterCli.status(result(0, "  \n", false)), "nothing printed");
    }

    @Test
    void stdoutThatIsNotJsonParsesAsMissing() {
        assertTrue(PclusterCli.parse("").isMissingNode());
        assertTrue(PclusterCli.parse("Traceback (most recent call last):").isMissingNode());
        assertEquals("x", PclusterCli.parse("{\"message\":\"x\"}").path("message").asText());
        assertEquals("x", result(1, "{\"message\":\"x\"}", false).message());
        assertEquals("", result(1, "oops", false).message());
    }

    @Test
    void argvAndEnvironmentOfEachCall() {
        FakeProcessRunner runner = new FakeProcessRunner().on("pcluster", 0, "{}");
        PclusterCli cli = new PclusterCli(runner, "pcluster", "lab", "us-west-2");
        cli.describe("c1", "us-west-2");
        cli.dryRun("c1", "/x/c.yaml", "us-west-2");
        cli.create("c1", "/x/c.yaml", "us-west-2");
        cli.delete("c1", "us-west-2");
        List<ProcessSpec> runs = runner.runs();
        assertEquals(List.of("pcluster", "describe-cluster", "-n", "c1", "--region", "us-west-2"), runs.get(0).argv());
        assertEquals(List.of("pcluster", "create-cluster", "-n", "c1", "-c", "/x/c.yaml", "--dryrun", "true", "--region", "us-west-2"),
                runs.get(1).argv());
        assertEquals(List.of("pcluster", "create-cluster", "-n", "c1", "-c", "/x/c.yaml", "--region", "us-west-2"), runs.get(2).argv());
        assertEquals(List.of("pcluster", "delete-cluster", "-n", "c1", "--region", "us-west-2"), runs.get(3).argv());
        assertEquals(Map.of("AWS_PROFILE", "lab", "AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "us-west-2"), runs.get(0).env());
        assertEquals(Duration.ofMinutes(2), runs.get(0).timeout());
        assertEquals(Duration.ofMinutes(10), runs.get(1).timeout());
        assertEquals(Duration.ofMinutes(10), runs.get(2).timeout());
        assertEquals(Duration.ofMinutes(5), runs.get(3).timeout());
        assertEquals("pcluster create-cluster -n c1 -c y --region r", cli.commandLine(PclusterCli.createArgs("c1", "y", "r", false)));
    }

    @Test
    void noProfileMeansNoProfileVariableAndATimeoutCapsEveryCall() {
        FakeProcessRunner runner = new FakeProcessRunner().on("pcluster", 0, "{}");
        new PclusterCli(runner, "pcluster", null, "eu-west-1").describe("c1", "eu-west-1");
        new PclusterCli(runner, "pcluster", "", "eu-west-1").withTimeout(Duration.ofSeconds(7)).create("c1", "f", "eu-west-1");
        assertFalse(runner.runs().get(0).env().containsKey("AWS_PROFILE"));
        assertFalse(runner.runs().get(1).env().containsKey("AWS_PROFILE"));
        assertEquals(Duration.ofSeconds(7), runner.runs().get(1).timeout());
    }

    @Test
    void theRunsCliTakesTheBinaryAndTheTimeoutFromTheEnvironment() {
        FakeProcessRunner runner = new FakeProcessRunner().on("my-pcluster", 0, "{}").on("pcluster", 0, "{}");
        RunContext ctx = RunContext.empty("1").with(ContextKeys.REGION, "us-west-2").with(ContextKeys.AWS_PROFILE, "p");
        Pcluster.cli(ctx, TestServices.builder(dir).processes(runner).env(Pcluster.BINARY_ENV, "/opt/bin/my-pcluster")
                .env("DAYLILY_PCLUSTER_TIMEOUT_SECONDS", "9").build()).describe("c1", "us-west-2");
        Pcluster.cli(ctx, TestServices.builder(dir).processes(runner).env("DAYLILY_PCLUSTER_TIMEOUT_SECONDS", " ").build())
                .describe("c1", "us-west-2");
        assertEquals("/opt/bin/my-pcluster", runner.runs().get(0).argv().get(0));
        assertEquals(Duration.ofSeconds(9), runner.runs().get(0).timeout());
        assertEquals("p", runner.runs().get(0).env().get("AWS_PROFILE"));
        assertEquals("pcluster", runner.runs().get(1).argv().get(0));
        assertEquals(Duration.ofMinutes(2), runner.runs().get(1).timeout(), "a blank value keeps the call's own timeout");
    }
}
