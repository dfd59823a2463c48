package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.app.adapters.JdkProcessRunner;
import io.daylily.ec.steps.pcluster.CreateStep;
import io.daylily.ec.steps.pcluster.DryRunStep;
import io.daylily.ec.steps.pcluster.MonitorStep;
import io.daylily.ec.support.pcluster.PclusterClient;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PclusterClient, dry run, create and monitor through the real process runner against fake pcluster scripts. */
class PclusterProcessTest {
    static final String DRY_OK = "{\"message\": \"Request would have succeeded, but DryRun flag is set.\","
            + " \"validationMessages\": [{\"level\": \"WARNING\", \"type\": \"KeyPairValidator\", \"message\": \"key looks old\"}]}";

    @TempDir
    Path dir;

    /** A fake pcluster: describe-cluster answers the n-th of {@code describes} (the last repeats); records argv and env. */
    private Path pcluster(String dryRun, int dryRc, String create, int createRc, String... describes) throws Exception {
        StringBuilder sh = new StringBuilder("#!/bin/sh\necho \"$* AWS_PROFILE=$AWS_PROFILE AWS_REGION=$AWS_REGION\" >> ")
                .append(dir.resolve("calls.log")).append("\ncase \"$1\" in\n  create-cluster)\n")
                .append("    case \"$*\" in *\"--dryrun true\"*) cat <<'EOF'\n").append(dryRun).append("\nEOF\n    exit ")
                .append(dryRc).append(";; esac\n    cat <<'EOF'\n").append(create).append("\nEOF\n    exit ").append(createRc)
                .append(";;\n  describe-cluster)\n    n=$(cat ").append(dir.resolve("n")).append(" 2>/dev/null || echo 0); n=$((n+1)); echo $n > ")
                .append(dir.resolve("n")).append("\n    case $n in\n");
        for (int i = 0; i < describes.length; i++) {
            String d = describes[i];
            String pattern = i == describes.length - 1 ? "*" : String.valueOf(i + 1);
            if (d.equals("FAIL")) {
                sh.append("      ").append(pattern).append(") echo '{\"message\": \"Cluster does not exist\"}'; exit 1;;\n");
            } else {
                sh.append("      ").append(pattern).append(") cat <<'EOF'\n").append(d).append("\nEOF\n      ;;\n");
            }
        }
        sh.append("    esac;;\nesac\n");
        Path p = dir.resolve("pcluster");
        Files.writeString(p, sh.toString());
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    static String describe(String status) {
        return "{\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"" + status + "\", \"cloudFormationStackStatus\": \"X\","
                + " \"headNode\": {\"instanceId\": \"i-0abc\", \"publicIpAddress\": \"5.6.7.8\", \"state\": \"running\"}}";
    }

    private TestServices services(Path pcluster, String... env) {
        TestServices.Builder b = TestServices.builder(dir).processes(new JdkProcessRunner()).prompter(ScriptedPrompter.answering())
                .env("DAYLILY_PCLUSTER", pcluster.toString()).env("DAYLILY_MONITOR_POLL_SECONDS", "30");
        for (int i = 0; i < env.length; i += 2) {
            b.env(env[i], env[i + 1]);
        }
        return b.build();
    }

    private RunContext ctx() {
        return RunContext.empty("20260211120000").with(ContextKeys.CLUSTER_NAME, "lab-cluster").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.AWS_PROFILE, "lab").with(ContextKeys.CLUSTER_YAML_PATH, dir.resolve("c.yaml").toString());
    }

    @Test
    void argvAndEnvironment() throws Exception {
        assertEquals(List.of("create-cluster", "-n", "n", "-c", "c.yaml", "--dryrun", "true", "--region", "r"),
                PclusterClient.createArgs("n", "c.yaml", "r", true));
        assertEquals(List.of("create-cluster", "-n", "n", "-c", "c.yaml", "--region", "r"), PclusterClient.createArgs("n", "c.yaml", "r", false));
        Path p = pcluster(DRY_OK, 1, "{}", 0, "FAIL");
        new DryRunStep().run(ctx(), services(p));
        String log = Files.readString(dir.resolve("calls.log"));
        assertEquals("describe-cluster -n lab-cluster --region us-west-2 AWS_PROFILE=lab AWS_REGION=us-west-2\n"
                + "create-cluster -n lab-cluster -c " + dir.resolve("c.yaml") + " --dryrun true --region us-west-2 AWS_PROFILE=lab"
                + " AWS_REGION=us-west-2\n", log);
    }

    @Test
    void dryRunSuccessExitsOneAndPasses() throws Exception {
        TestServices s = services(pcluster(DRY_OK, 1, "{}", 0, "FAIL"));
        new DryRunStep().run(ctx(), s);
        assertEquals(CheckStatus.PASS, s.events().check("pcluster.dry_run").status());
        assertTrue(((ScriptedPrompter) s.prompter()).said().get(0).contains("WARNING KeyPairValidator: key looks old"));
    }

    @Test
    void dryRunValidationFailureIsExitTwoWithTheErrorsAndTheCommand() throws Exception {
        String invalid = "{\"configurationValidationErrors\": [{\"level\": \"ERROR\", \"type\": \"InstanceTypeValidator\","
                + " \"message\": \"r9.huge is not supported\"}], \"message\": \"Invalid cluster configuration.\"}";
        TestServices s = services(pcluster(invalid, 1, "{}", 0, "FAIL"));
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new DryRunStep().run(ctx(), s));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains("Invalid cluster configuration."), e.getMessage());
        assertTrue(e.getMessage().contains("ERROR InstanceTypeValidator: r9.huge is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("re-run: " + dir.resolve("pcluster") + " create-cluster -n lab-cluster"), e.getMessage());
    }

    @Test
    void dayBreakStopsAfterASuccessfulDryRunWithExitZero() throws Exception {
        TestServices s = services(pcluster(DRY_OK, 1, "{}", 0, "FAIL"), "DAY_BREAK", "1");
        io.daylily.ec.api.Stop e = io.daylily.ec.api.Stop.in(new DryRunStep().run(ctx(), s)).orElseThrow();
        assertEquals(0, e.exitCode().code());
        assertEquals("day_break", e.reason());
        TestServices failing = services(pcluster("{\"message\": \"Invalid cluster configuration.\"}", 1, "{}", 0, "FAIL"), "DAY_BREAK", "1");
        assertEquals(2, assertThrows(AwsOperationException.class, () -> new DryRunStep().run(ctx(), failing)).exitCode().code(),
                "a failed dry run is exit 2 whatever DAY_BREAK says");
    }

    @Test
    void anExistingClusterIsNotCreatedAgain() throws Exception {
        TestServices s = services(pcluster(DRY_OK, 1, "{}", 0, describe("CREATE_COMPLETE")));
        RunContext out = new DryRunStep().run(ctx(), s);
        assertEquals("CREATE_COMPLETE", out.require(ContextKeys.CLUSTER_STATUS));
        new CreateStep().run(out, s);
        String log = Files.readString(dir.resolve("calls.log"));
        assertTrue(log.lines().noneMatch(l -> l.startsWith("create-cluster")), "no dry run, no create: " + log);
        assertEquals("already_exists", s.events().check("pcluster.create").details().get("action"));
        String failed = "{\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"CREATE_FAILED\"}";
        Files.delete(dir.resolve("n"));
        AwsOperationException e = assertThrows(AwsOperationException.class,
                () -> new DryRunStep().run(ctx(), services(pcluster(DRY_OK, 1, "{}", 0, failed))));
        assertTrue(e.getMessage().contains("already exists in us-west-2 as CREATE_FAILED; delete it first"), e.getMessage());
    }

    @Test
    void aHangingPclusterIsStoppedByTheTimeout() throws Exception {
        Path p = dir.resolve("pcluster");
        Path pid = dir.resolve("pid");
        Files.writeString(p, "#!/bin/sh\necho $$ > " + pid + "\nexec sleep 30\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        TestServices s = services(p, "DAYLILY_PCLUSTER_TIMEOUT_SECONDS", "1");
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new CreateStep().run(ctx(), s));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        // stopped, not waited for: the child is gone when the step returns (no wall clock asserted)
        long child = Long.parseLong(Files.readString(pid).strip());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "pcluster (pid " + child + ") still runs");
    }

    @Test
    void createAcceptedAndCreateRefused() throws Exception {
        String accepted = "{\"cluster\": {\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"CREATE_IN_PROGRESS\","
                + " \"cloudformationStackArn\": \"arn:aws:cloudformation:us-west-2:1:stack/lab-cluster/x\"}}";
        // as in a create: the dry run finds no cluster of the name, then the create step sends create-cluster
        TestServices ok = services(pcluster(DRY_OK, 1, accepted, 0, "FAIL"));
        assertEquals("CREATE_IN_PROGRESS", new CreateStep().run(new DryRunStep().run(ctx(), ok), ok).require(ContextKeys.CLUSTER_STATUS));
        TestServices refused = services(pcluster(DRY_OK, 1, "{\"message\": \"Cluster lab-cluster already exists.\"}", 1, "FAIL"));
        AwsOperationException e = assertThrows(AwsOperationException.class,
                () -> new CreateStep().run(new DryRunStep().run(ctx(), refused), refused));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void monitorInProgressThenComplete() throws Exception {
        TestServices s = services(pcluster(DRY_OK, 1, "{}", 0, describe("CREATE_IN_PROGRESS"), describe("CREATE_IN_PROGRESS"),
                describe("CREATE_COMPLETE")));
        RunContext out = new MonitorStep().run(ctx(), s);
        assertEquals("5.6.7.8", out.require(ContextKeys.HEAD_NODE_IP));
        assertEquals("i-0abc", out.require(ContextKeys.HEAD_NODE_INSTANCE_ID));
        assertEquals(3, s.events().check("pcluster.monitor").details().get("polls"));
        assertEquals(2, s.clock().sleeps().size(), "slept between polls, with the clock");
        List<String> said = ((ScriptedPrompter) s.prompter()).said();
        assertEquals(1, said.stream().filter(l -> l.contains("CREATE_IN_PROGRESS")).count(), "one line per status change");
        assertTrue(said.stream().anyMatch(l -> l.contains("CREATE_COMPLETE (elapsed 0:01:00)")), said.toString());
    }

    @Test
    void unreadableThenCompleteIsFineButFiveInARowIsExitTwo() throws Exception {
        TestServices ok = services(pcluster(DRY_OK, 1, "{}", 0, "FAIL", "FAIL", describe("CREATE_IN_PROGRESS"), describe("CREATE_COMPLETE")));
        assertEquals("CREATE_COMPLETE", new MonitorStep().run(ctx(), ok).require(ContextKeys.CLUSTER_STATUS));
        Files.deleteIfExists(dir.resolve("n"));
        TestServices bad = services(pcluster(DRY_OK, 1, "{}", 0, "FAIL"));
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(), bad));
        assertTrue(e.getMessage().contains("5 times in a row"), e.getMessage());
    }

    @Test
    void createFailedListsFailuresAndTheDeleteCommand() throws Exception {
        String failed = "{\"clusterName\": \"lab-cluster\", \"clusterStatus\": \"CREATE_FAILED\", \"failures\": [{\"failureCode\":"
                + " \"OnNodeConfiguredExecutionFailure\", \"failureReason\": \"Failed to execute OnNodeConfigured script.\"}]}";
        TestServices s = services(pcluster(DRY_OK, 1, "{}", 0, describe("CREATE_IN_PROGRESS"), failed));
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(), s));
        assertTrue(e.getMessage().contains("ended CREATE_FAILED (OnNodeConfiguredExecutionFailure: Failed to execute OnNodeConfigured script.)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("pcluster delete-cluster -n lab-cluster --region us-west-2"));
    }

    @Test
    void overallTimeoutUsesTheClock() throws Exception {
        TestServices s = services(pcluster(DRY_OK, 1, "{}", 0, describe("CREATE_IN_PROGRESS")), "DAYLILY_MONITOR_TIMEOUT_MINUTES", "2");
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new MonitorStep().run(ctx(), s));
        assertTrue(e.getMessage().contains("still CREATE_IN_PROGRESS after 2 minutes"), e.getMessage());
        assertEquals(4, s.clock().sleeps().size());
    }
}
