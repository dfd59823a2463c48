package io.daylily.ec.support.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
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
class PclusterClientTest {
    @TempDir
    Path dir;

    private static PclusterClient.Result result(int exit, String stdout, boolean timedOut) {
        return new PclusterClient.Result(exit, PclusterClient.parse(stdout), stdout, "", timedOut);
    }

    @Test
    void statusIsReadOnlyFromASuccessfulCallThatSaysIt() {
        assertEquals("CREATE_IN_PROGRESS", PclusterClient.status(result(0, "{\"clusterStatus\":\"CREATE_IN_PROGRESS\"}", false)));
        assertNull(PclusterClient.status(result(1, "{\"clusterStatus\":\"CREATE_IN_PROGRESS\"}", false)), "a failed call says nothing");
        assertNull(PclusterClient.status(result(0, "{\"clusterStatus\":\"CREATE_IN_PROGRESS\"}", true)), "a timed-out call says nothing");
        assertNull(PclusterClient.status(result(0, "{\"clusterStatus\":\"\"}", false)));
        assertNull(PclusterClient.status(result(0, "{\"other\":1}", false)));
        assertEquals("CREATE_COMPLETE", PclusterClient.status(result(0, "\"CREATE_COMPLETE\"", false)), "a JSON string");
        assertEquals("CREATE_COMPLETE", PclusterClient.status(result(0, "  CREATE_COMPLETE \n", false)), "plain text, stripped");
        assertNull(PclusterClient.status(result(0, "  \n", false)), "nothing printed");
    }

    @Test
    void stdoutThatIsNotJsonParsesAsMissing() {
        assertTrue(PclusterClient.parse("").isMissingNode());
        assertTrue(PclusterClient.parse("Traceback (most recent call last):").isMissingNode());
        assertEquals("x", PclusterClient.parse("{\"message\":\"x\"}").path("message").asText());
        assertEquals("x", result(1, "{\"message\":\"x\"}", false).message());
        assertEquals("", result(1, "oops", false).message());
    }

    @Test
    void argvAndEnvironmentOfEachCall() {
        FakeProcessRunner runner = new FakeProcessRunner().on("pcluster", 0, "{}");
        PclusterClient cli = new PclusterClient(runner, "pcluster", "lab", "us-west-2", null);
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
        assertEquals("pcluster create-cluster -n c1 -c y --region r", cli.commandLine(PclusterClient.createArgs("c1", "y", "r", false)));
        // issue #28: the calls that change AWS are marked, so the runtime refuses them outside an apply
        assertEquals(List.of(false, false, true, true), runs.stream().map(ProcessSpec::changesAws).toList());
    }

    @Test
    void theSubcommandsThatChangeAwsAreKnownByNameAndADryRunIsNotOne() {
        assertTrue(PclusterClient.changesAws(PclusterClient.createArgs("c1", "c.yaml", "r", false)));
        assertFalse(PclusterClient.changesAws(PclusterClient.createArgs("c1", "c.yaml", "r", true)));
        assertTrue(PclusterClient.changesAws(List.of("create-cluster", "-n", "c1", "--dryrun", "false")));
        assertTrue(PclusterClient.changesAws(List.of("create-cluster", "--dryrun")), "a flag without its value is not a dry run");
        assertFalse(PclusterClient.changesAws(List.of("create-cluster", "--dryrun", "TRUE")), "as pcluster reads it");
        for (String write : List.of("delete-cluster", "update-cluster", "update-compute-fleet", "build-image", "delete-image")) {
            assertTrue(PclusterClient.changesAws(List.of(write, "-n", "c1")), write);
        }
        assertFalse(PclusterClient.changesAws(List.of("describe-cluster", "-n", "c1")));
        assertFalse(PclusterClient.changesAws(List.of("version")));
        assertFalse(PclusterClient.changesAws(List.of()));
    }

    @Test
    void noProfileMeansNoProfileVariableAndATimeoutCapsEveryCall() {
        FakeProcessRunner runner = new FakeProcessRunner().on("pcluster", 0, "{}");
        new PclusterClient(runner, "pcluster", null, "eu-west-1", null).describe("c1", "eu-west-1");
        new PclusterClient(runner, "pcluster", "", "eu-west-1", Duration.ofSeconds(7)).create("c1", "f", "eu-west-1");
        assertFalse(runner.runs().get(0).env().containsKey("AWS_PROFILE"));
        assertFalse(runner.runs().get(1).env().containsKey("AWS_PROFILE"));
        assertEquals(Duration.ofSeconds(7), runner.runs().get(1).timeout());
    }

    @Test
    void theRunsCliTakesTheBinaryAndTheTimeoutFromTheEnvironment() {
        FakeProcessRunner runner = new FakeProcessRunner().on("my-pcluster", 0, "{}").on("pcluster", 0, "{}");
        RunContext ctx = RunContext.empty("1").with(ContextKeys.REGION, "us-west-2").with(ContextKeys.AWS_PROFILE, "p");
        PclusterClient.of(ctx, TestServices.builder(dir).processes(runner).env(PclusterClient.BINARY_ENV, "/opt/bin/my-pcluster")
                .env(PclusterClient.TIMEOUT_ENV, "9").build()).describe("c1", "us-west-2");
        PclusterClient.of(ctx, TestServices.builder(dir).processes(runner).env(PclusterClient.TIMEOUT_ENV, " ").build())
                .describe("c1", "us-west-2");
        assertEquals("/opt/bin/my-pcluster", runner.runs().get(0).argv().get(0));
        assertEquals(Duration.ofSeconds(9), runner.runs().get(0).timeout());
        assertEquals("p", runner.runs().get(0).env().get("AWS_PROFILE"));
        assertEquals("pcluster", runner.runs().get(1).argv().get(0));
        assertEquals(Duration.ofMinutes(2), runner.runs().get(1).timeout(), "a blank value keeps the call's own timeout");
    }

    @Test
    void theCapMustBeAWholeNumberOfSecondsFromOne() {
        assertEquals(Duration.ofSeconds(1), PclusterClient.cap(Map.of(PclusterClient.TIMEOUT_ENV, "1")), "the last accepted");
        assertEquals(Duration.ofSeconds(86400), PclusterClient.cap(Map.of(PclusterClient.TIMEOUT_ENV, "86400")), "a day at most");
        assertNull(PclusterClient.cap(Map.of()));
        for (String bad : new String[] {"0", "-1", "ten", "1.5", " 30 ", "86401"}) {
            DaylilyException e = assertThrows(DaylilyException.class, () -> PclusterClient.cap(Map.of(PclusterClient.TIMEOUT_ENV, bad)), bad);
            assertEquals(ExitCode.VALIDATION, e.exitCode());
            assertTrue(e.getMessage().startsWith(PclusterClient.TIMEOUT_ENV + "='" + bad + "'"), e.getMessage());
        }
        assertEquals("pcluster", PclusterClient.binary(Map.of(PclusterClient.BINARY_ENV, " ")), "a blank binary is the one on PATH");
    }

    @Test
    void onlyPclustersOwnDoesNotExistIsGone() {
        FakeProcessRunner runner = new FakeProcessRunner()
                .on("gone", 1, "{\"message\":\"Cluster 'c1' does not exist or belongs to an incompatible ParallelCluster major version.\"}")
                .on("denied", 1, "{\"message\":\"An error occurred (AccessDenied) when calling DescribeStacks\"}")
                .on("up", 0, "{\"clusterStatus\":\"CREATE_COMPLETE\"}");
        PclusterClient.Described gone = new PclusterClient(runner, "gone", null, "r", null).describeCluster("c1", "r");
        assertTrue(gone.gone());
        assertFalse(gone.readable());
        PclusterClient.Described denied = new PclusterClient(runner, "denied", null, "r", null).describeCluster("c1", "r");
        assertFalse(denied.gone(), "a failed call is not a missing cluster");
        assertNull(denied.status());
        assertEquals("describe-cluster exit 1: An error occurred (AccessDenied) when calling DescribeStacks", denied.problem());
        PclusterClient.Described up = new PclusterClient(runner, "up", null, "r", null).describeCluster("c1", "r");
        assertEquals("CREATE_COMPLETE", up.status());
        assertTrue(up.readable());
        assertFalse(up.gone());
    }

    @Test
    void aProblemIsTheTimeoutOrTheExitAndPclustersWords() {
        assertEquals("timed out", new PclusterClient.Result(0, PclusterClient.parse(""), "", "", true).problem());
        assertEquals("exit 2: boom", new PclusterClient.Result(2, PclusterClient.parse(""), "", " boom\n", false).problem());
        assertEquals("exit 2: out", new PclusterClient.Result(2, PclusterClient.parse("out"), "out", " ", false).problem());
        assertEquals("exit 3: no output", new PclusterClient.Result(3, PclusterClient.parse(""), "", "", false).problem());
        assertFalse(new PclusterClient.Result(0, PclusterClient.parse("{\"message\":\"x does not exist\"}"),
                "", "", false).saysDoesNotExist(), "exit 0 is not a refusal");
        assertFalse(new PclusterClient.Result(1, PclusterClient.parse("{\"message\":\"x does not exist\"}"),
                "", "", true).saysDoesNotExist(), "a timed-out call says nothing");
    }

    @Test
    void imageAndVersionCalls() {
        FakeProcessRunner runner = new FakeProcessRunner().on("pcluster", 0, "{}");
        PclusterClient cli = new PclusterClient(runner, "pcluster", null, null, null);
        cli.version();
        cli.buildImage("img", "/c.yaml", "us-east-1");
        cli.describeImage("img", "us-east-1");
        assertEquals(List.of("pcluster", "version"), runner.runs().get(0).argv());
        assertEquals(Map.of(), runner.runs().get(0).env(), "no region: no region variables");
        assertEquals(Duration.ofSeconds(60), runner.runs().get(0).timeout());
        assertEquals(List.of("pcluster", "build-image", "-i", "img", "-c", "/c.yaml", "-r", "us-east-1"), runner.runs().get(1).argv());
        assertEquals(List.of("pcluster", "describe-image", "-i", "img", "-r", "us-east-1"), runner.runs().get(2).argv());
        assertEquals(Duration.ofMinutes(5), runner.runs().get(2).timeout());
        assertEquals("pcluster", cli.binary());
    }
}
