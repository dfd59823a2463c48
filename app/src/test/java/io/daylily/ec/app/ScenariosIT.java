package io.daylily.ec.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import io.daylily.ec.api.Json;
import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.SimulatedRun;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios and faults (issue #9): the shaded jar as a subprocess, a simulated AWS, fake
 * pcluster/ssh/verifier. After each scenario every file and output is scanned for the credentials used.
 */
class ScenariosIT extends SimulatedRun {
    private Map<String, String> env(String... kv) {
        Map<String, String> e = new HashMap<>(ws.env(aws.endpoint()));
        for (int i = 0; i < kv.length; i += 2) {
            e.put(kv[i], kv[i + 1]);
        }
        return e;
    }

    private Workspace.Result create(Map<String, String> env) throws Exception {
        return ws.run(Workspace.jar(), env, "--debug", "--json", "create", "--region-az", "us-west-2b", "--non-interactive",
                "--config", ws.config.toString());
    }

    /** The --json summary on stdout. */
    private static JsonNode summary(Workspace.Result r) throws Exception {
        return Json.mapper().readTree(r.stdout());
    }

    /** The preflight report's checks, as "id STATUS". */
    private JsonNode preflightReport() throws Exception {
        try (Stream<Path> s = Files.list(ws.configDir)) {
            Path p = s.filter(f -> f.getFileName().toString().startsWith("preflight_")).findFirst().orElseThrow();
            return Json.mapper().readTree(Files.readString(p));
        }
    }

    private static String status(JsonNode report, String checkId) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("id").asText().equals(checkId)) {
                return c.get("status").asText();
            }
        }
        return "absent";
    }

    private long count(String operation) {
        return aws.operations().stream().filter(operation::equals).count();
    }

    private JsonNode state() throws Exception {
        try (Stream<Path> s = Files.list(ws.configDir)) {
            Path p = s.filter(f -> f.getFileName().toString().startsWith("state_")).findFirst().orElseThrow();
            return Json.mapper().readTree(Files.readString(p));
        }
    }

    @Test
    void freshAccountGetsTheNetworkStackThenTheCluster() throws Exception {
        aws.freshNetwork();
        Workspace.Result r = create(env("DAYLILY_STACK_POLL_SECONDS", "0"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(aws.mutatingOperations().contains("CreateStack"));
        JsonNode st = state();
        assertEquals("pcluster-vpc-stack-2b", st.get("cfn_stack_name").asText());
        assertEquals("subnet-0aaa1111bbbb2222c", st.get("public_subnet_id").asText());
        assertEquals("complete", st.get("status").asText());
        assertEquals(0, summary(r).get("exit_code").asInt());
        assertTrue(summary(r).get("login_command").asText().startsWith("ssh -i "), r.stdout());
        assertTrue(summary(r).get("report").get("passed").asBoolean(), "preflight passed: the network is planned, not missing");
        assertEquals(1, count("CreateStack"), aws.summary());
        // issue #16: every read-only gate's request precedes the first request that changes AWS
        List<String> ordered = aws.operationsInOrder();
        int firstChange = java.util.stream.IntStream.range(0, ordered.size()).filter(i -> SimulatedAws.mutates(ordered.get(i)))
                .findFirst().orElseThrow();
        for (String gate : List.of("GetCallerIdentity", "ListPolicies", "GetServiceQuota", "ListBuckets", "GetBucketLocation",
                "DescribeKeyPairs", "DescribeSubnets", "DescribeInstanceTypeOfferings", "DescribeSpotPriceHistory")) {
            assertTrue(ordered.lastIndexOf(gate) >= 0 && ordered.lastIndexOf(gate) < firstChange,
                    gate + " must come before the first change (" + ordered.get(firstChange) + "): " + ordered);
        }
        assertEquals(List.of(), aws.repeatedRequests().stream().filter(q -> !q.contains("Action=DescribeStack")).toList(),
                "nothing but the stack wait's polls (status and new events) repeated");
    }

    @Test
    void createFailedIsExitTwoWithTheFailuresAndTheDeleteCommand() throws Exception {
        Files.writeString(dir.resolve("pcluster-fail"), "");
        Workspace.Result r = create(env());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("ended CREATE_FAILED (HeadNodeBootstrapFailure: Cluster creation timed out.)"), r.stderr());
        assertTrue(r.stderr().contains("pcluster delete-cluster -n lab-cluster --region us-west-2"), r.stderr());
        JsonNode st = state();
        assertEquals("failed", st.get("status").asText());
        assertEquals(2, st.get("exit_code").asInt());
        assertEquals("daylily-global", st.get("global_budget_name").asText(), "what was created is recorded");
        assertEquals(2, summary(r).get("exit_code").asInt());
        assertTrue(summary(r).get("login_command").isNull(), "no login line for a failed cluster");
        assertFalse(aws.mutatingOperations().stream().anyMatch(o -> o.startsWith("Delete")), "nothing deleted behind the user's back: "
                + aws.mutatingOperations());
    }

    @Test
    void heartbeatFailureIsAWarningAndExitZero() throws Exception {
        Files.writeString(ws.config, Files.readString(ws.config).replace("heartbeat_email: [USESETVALUE, \"\", \"skip\"]",
                "heartbeat_email: [USESETVALUE, \"\", \"hb@example.com\"]"));
        aws.respond("CreateTopic", aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
                "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>not allowed</Message></Error>"
                        + "<RequestId>r</RequestId></ErrorResponse>"));
        aws.respond("GetTopicAttributes", aResponse().withStatus(404).withHeader("Content-Type", "text/xml").withBody(
                "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>"
                        + "<RequestId>r</RequestId></ErrorResponse>"));
        Workspace.Result r = create(env("DAY_HEARTBEAT_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("⚠ post.heartbeat: heartbeat not configured: SNS topic creation is forbidden"), r.stderr());
        assertTrue(state().get("post_create_warnings").get(0).asText().startsWith("post.heartbeat:"));
        assertEquals(0, summary(r).get("exit_code").asInt());
        assertTrue(summary(r).get("login_command").asText().startsWith("ssh -i "), "the cluster is still usable");
        assertEquals(1, count("CreateTopic"), "asked once, not retried: " + aws.summary());
        // the heartbeat step's inspect reads the schedule (issue #28); nothing is written to it
        assertTrue(aws.mutatingOperations().stream().noneMatch(o -> o.contains("/schedules/")),
                "no schedule for a topic that does not exist: " + aws.summary());
    }

    @Test
    void throttlingAndAConnectionResetAreRetried() throws Exception {
        aws.failOnce("GetCallerIdentity", aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(
                "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                        + "<RequestId>r</RequestId></ErrorResponse>"));
        aws.failOnce("DescribeKeyPairs", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        Workspace.Result r = ws.run(Workspace.jar(), env(), "preflight", "--region-az", "us-west-2b", "--non-interactive",
                "--config", ws.config.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(2, aws.operations().stream().filter(o -> o.equals("GetCallerIdentity")).count());
        assertEquals(2, aws.operations().stream().filter(o -> o.equals("DescribeKeyPairs")).count());
        assertTrue(r.stderr().contains("Preflight passed"), r.stderr());
        assertFalse(r.stderr().contains("Throttling"), "a retried error is not the user's problem: " + r.stderr());
        assertEquals("PASS", status(preflightReport(), "keypair.pem"));
        assertEquals(List.of(), aws.mutatingOperations());
    }

    @Test
    void serverErrorsAreRetriedThenExitTwo() throws Exception {
        aws.respond("AWSBudgetServiceGateway.CreateBudget", aResponse().withStatus(500).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\": \"InternalErrorException\", \"Message\": \"try later\"}"));
        Workspace.Result r = create(env());
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(3, aws.operations().stream().filter(o -> o.equals("CreateBudget")).count(), "STANDARD retries: 3 attempts");
        assertTrue(r.stderr().contains("CreateBudget daylily-global failed"), r.stderr());
        // budgets come after the dry run (DECISIONS #12): the dry run was sent, the real create was not
        assertEquals(List.of(), Files.readAllLines(dir.resolve("pcluster-calls.log")).stream()
                .filter(c -> c.startsWith("create-cluster") && !c.contains("--dryrun true")).toList(), "no real create after a budget failure");
        assertEquals("aws_operation_failed", summary(r).get("reason").asText(), "the summary says why");
        assertEquals(2, state().get("exit_code").asInt());
        assertEquals("failed", state().get("status").asText());
        assertTrue(summary(r).get("report").get("passed").asBoolean(), "preflight itself passed");
    }

    @Test
    void accessDeniedNamesTheOperationAndThePermission() throws Exception {
        aws.respond("AWSBudgetServiceGateway.CreateBudget", aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\": \"AccessDeniedException\", \"Message\": \"User is not authorized to perform budgets:ModifyBudget\"}"));
        Workspace.Result r = ws.run(Workspace.jar(), env(), "create", "--region-az", "us-west-2b", "--non-interactive",
                "--config", ws.config.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("CreateBudget daylily-global failed: AccessDeniedException"), r.stderr());
        assertTrue(r.stderr().contains("grant budgets:ModifyBudget"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace without --debug in the message line");
        assertEquals(1, count("CreateBudget"), "AccessDenied is not retried: " + aws.summary());
        assertEquals(List.of(), Files.readAllLines(dir.resolve("pcluster-calls.log")).stream()
                .filter(c -> c.startsWith("create-cluster") && !c.contains("--dryrun true")).toList(), "no cluster without its budget");
        assertEquals(2, state().get("exit_code").asInt());
    }

    @Test
    void slowResponsesPastTheTimeoutEndClearly() throws Exception {
        aws.respond("GetCallerIdentity", aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withFixedDelay(4000)
                .withBody("<GetCallerIdentityResponse/>"));
        Workspace.Result r = ws.run(Workspace.jar(), env("DAYLILY_AWS_ATTEMPT_TIMEOUT_SECONDS", "1", "DAYLILY_AWS_CALL_TIMEOUT_SECONDS", "3"),
                "preflight", "--region-az", "us-west-2b", "--non-interactive", "--config", ws.config.toString());
        assertEquals(2, r.exitCode(), "a call that timed out is an AWS failure, not a validation one: " + r.stderr());
        assertTrue(r.stderr().contains("✗ aws.identity"), r.stderr());
        assertTrue(r.stderr().contains("timed out"), "named as what it is, not as invalid credentials: " + r.stderr());
        // bounded by the SDK's attempt and call timeouts: at most the standard retry mode's 3 attempts, none after
        assertTrue(count("GetCallerIdentity") <= 3, "attempts: " + aws.summary());
        assertEquals("FAIL", status(preflightReport(), "aws.identity"));
        assertEquals("absent", status(preflightReport(), "iam.policy.global"), "no gate after identity reported");
        assertEquals(List.of(), aws.mutatingOperations());
    }

    @Test
    void sigintDuringTheWaitLeavesAnAccurateRecordAndARerunFinishes() throws Exception {
        Files.writeString(dir.resolve("pcluster-hold"), "");
        Map<String, String> e = env("DAYLILY_MONITOR_POLL_SECONDS", "1");
        Process p = ws.start(Workspace.jar(), e, "create", "--region-az", "us-west-2b", "--non-interactive", "--config", ws.config.toString());
        Path err = dir.resolve("stderr.txt");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !(Files.exists(err) && Files.readString(err).contains("CREATE_IN_PROGRESS (elapsed"))) {
            Thread.sleep(200);
        }
        assertTrue(Files.readString(err).contains("CREATE_IN_PROGRESS (elapsed"), Files.readString(err));
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops promptly on SIGINT");
        assertEquals(130, p.exitValue());
        JsonNode st = state();
        assertEquals("failed", st.get("status").asText());
        assertTrue(st.get("message").asText().startsWith("interrupted by SIGINT (Ctrl-C)"), st.toString());
        assertEquals(130, st.get("exit_code").asInt(), "the record says the code the process ended with");
        assertTrue(Files.readString(err).contains("(exit 130)"), "and so does the console: " + Files.readString(err));
        assertEquals("daylily-global", st.get("global_budget_name").asText());
        try (Stream<Path> s = Files.list(ws.configDir)) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().startsWith("preflight_lab-cluster_")), "report written");
        }

        Files.delete(dir.resolve("pcluster-hold"));
        aws.budgetsExist();
        Workspace.Result again = create(e);
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stderr().contains("already exists"), again.stderr());
        List<String> calls = Files.readAllLines(dir.resolve("pcluster-calls.log"));
        assertEquals(1, calls.stream().filter(c -> c.startsWith("create-cluster") && !c.contains("--dryrun")).count());
    }

    @Test
    void aSecondCreateOfTheSameClusterWaitsItsTurnWithADifferentRunId() throws Exception {
        Files.writeString(dir.resolve("pcluster-hold"), "");
        Map<String, String> e = env("DAYLILY_MONITOR_POLL_SECONDS", "1");
        // the first run writes to files of its own: the second's Workspace.run takes stdout.txt and stderr.txt
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Workspace.jar().toString(), "create", "--region-az", "us-west-2b", "--non-interactive", "--config", ws.config.toString())
                .directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(e);
        Path err = dir.resolve("first-stderr.txt");
        pb.redirectOutput(dir.resolve("first-stdout.txt").toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process first = pb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !(Files.exists(err) && Files.readString(err).contains("CREATE_IN_PROGRESS (elapsed"))) {
            Thread.sleep(200);
        }
        try {
            Workspace.Result second = create(e);
            assertEquals(1, second.exitCode(), second.stderr());
            assertTrue(second.stderr().contains("cluster lab-cluster is being changed by another run (run "), second.stderr());
            assertTrue(second.stderr().contains(", create, pid " + first.pid() + ", since "), "it names the run that holds it: "
                    + second.stderr());
            try (Stream<Path> st = Files.list(ws.configDir)) {
                List<String> records = st.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("state_")).toList();
                assertEquals(1, records.size(), "the first run's record alone: the second changed nothing and shares nothing: "
                        + records);
            }
            try (Stream<Path> st = Files.list(ws.configDir.resolve("run-ids"))) {
                assertEquals(2, st.count(), "two runs, two run ids");
            }
        } finally {
            new ProcessBuilder("kill", "-INT", String.valueOf(first.pid())).start().waitFor();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            Files.deleteIfExists(dir.resolve("pcluster-hold"));
        }
    }

    @Test
    void sigtermDuringAPreflightIsExit143WithAJsonSummaryAndAReportThatDidNotPass() throws Exception {
        Files.writeString(dir.resolve("pcluster-version-hold"), "");
        Process p = ws.start(Workspace.jar(), env("DAYLILY_MONITOR_POLL_SECONDS", "1"), "preflight", "--region-az", "us-west-2b",
                "--non-interactive", "--json", "--config", ws.config.toString());
        Path calls = dir.resolve("pcluster-calls.log");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !(Files.exists(calls) && Files.readString(calls).contains("version"))) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(calls), "pcluster version was started");
        new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops promptly on SIGTERM");
        assertEquals(143, p.exitValue());
        String stdout = Files.readString(dir.resolve("stdout.txt"));
        assertTrue(stdout.startsWith("{"), "stdout is the summary object alone: " + stdout);
        JsonNode summary = Json.mapper().readTree(stdout);
        assertEquals(143, summary.get("exit_code").asInt(), summary.toString());
        assertTrue(summary.get("interrupted").asBoolean(), summary.toString());
        assertEquals("interrupted", summary.get("reason").asText());
        assertFalse(summary.get("report").get("passed").asBoolean(), "an interrupted preflight did not pass");
        assertTrue(summary.get("report").get("interrupted").asBoolean());
        assertTrue(Files.readString(dir.resolve("stderr.txt")).contains("interrupted by SIGTERM"), Files.readString(dir.resolve("stderr.txt")));
        Files.delete(dir.resolve("pcluster-version-hold"));
    }

    @Test
    void hostileValuesAreRejectedBeforeAws() throws Exception {
        String base = Files.readString(ws.config);
        for (String hostile : List.of("$(rm -rf ~)", "a; touch pwned", "x: {injected: true}")) {
            Files.writeString(ws.config, base.replace("cluster_name: [USESETVALUE, \"\", \"lab-cluster\"]",
                    "cluster_name: [USESETVALUE, \"\", \"" + hostile.replace("\"", "\\\"") + "\"]"));
            aws.server().resetRequests();
            Workspace.Result r = create(env());
            assertEquals(1, r.exitCode(), hostile + ": " + r.stderr());
            assertTrue(r.stderr().contains("✗ config.cluster_name"), r.stderr());
            assertEquals(0, aws.requestCount(), "nothing reached AWS for " + hostile);
        }
        assertFalse(Files.exists(dir.resolve("pwned")));
    }
}
