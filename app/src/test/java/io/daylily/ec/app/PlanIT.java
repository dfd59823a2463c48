package io.daylily.ec.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.daylily.ec.api.Json;
import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.SimulatedRun;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #20 at the jar level: {@code plan} on a fresh and on a bootstrapped simulated account sends no
 * write, keeps no state record, validates against docs/plan.schema.json, and lists exactly the writes the
 * {@code create} run next on the same account then sends.
 */
class PlanIT extends SimulatedRun {
    private Map<String, String> env(String... kv) {
        Map<String, String> e = new HashMap<>(ws.env(aws.endpoint()));
        e.put("DAYLILY_STACK_POLL_SECONDS", "0");
        for (int i = 0; i < kv.length; i += 2) {
            e.put(kv[i], kv[i + 1]);
        }
        return e;
    }

    private Workspace.Result run(String command, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--json", command, "--region-az", "us-west-2b", "--non-interactive",
                "--config", ws.config.toString()));
        args.addAll(List.of(more));
        return ws.run(Workspace.jar(), env(), args.toArray(new String[0]));
    }

    static List<String> violations(JsonNode plan) throws Exception {
        JsonNode schemaNode = Json.mapper().readTree(Files.readString(Path.of("../docs/plan.schema.json")));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
        return schema.validate(plan).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Runs plan, checks what every plan must be, and returns its plan object. */
    private JsonNode plan() throws Exception {
        aws.server().resetRequests();
        long states = stateFiles();
        Workspace.Result r = run("plan");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), aws.mutatingOperations(), "a plan sends only read requests");
        JsonNode summary = Json.mapper().readTree(r.stdout());
        JsonNode plan = summary.get("plan");
        assertEquals(List.of(), violations(plan), plan.toString());
        assertTrue(plan.get("would_proceed").asBoolean());
        assertTrue(summary.get("state_path").isNull(), "no state record");
        assertEquals(states, stateFiles(), "no state file written");
        Path report = Path.of(summary.get("report_path").asText());
        assertTrue(report.getFileName().toString().startsWith("plan_lab-cluster_"), report.toString());
        assertEquals(plan, Json.mapper().readTree(Files.readString(report)).get("plan"), "the report file holds the same plan");
        assertTrue(Files.isRegularFile(Path.of(plan.get("cluster_yaml_path").asText())));
        assertTrue(r.stderr().contains("Plan for cluster lab-cluster in us-west-2b"), r.stderr());
        System.out.println(r.stderr().substring(r.stderr().indexOf("Plan for cluster")));
        return plan;
    }

    private long stateFiles() throws Exception {
        if (!Files.isDirectory(ws.configDir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(ws.configDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("state_")).count();
        }
    }

    /** The resources a plan says a create would write, as the names the simulated AWS sees them by. */
    private static TreeSet<String> planned(JsonNode plan) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode c : plan.get("changes")) {
            String action = c.get("action").asText();
            if (action.equals("create") || action.equals("update")) {
                String name = c.get("name").asText();
                out.add(name.startsWith("s3://") ? "S3:PUT /" + name.substring("s3://".length()) : name);
            }
        }
        return out;
    }

    /** The resources the create wrote: the names its AWS writes carry, and the cluster if pcluster created one. */
    private TreeSet<String> written() throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (String w : aws.writes()) {
            out.add(w.startsWith("S3:") ? w : w.substring(w.indexOf(' ') + 1));
        }
        Path calls = dir.resolve("pcluster-calls.log");
        if (Files.exists(calls) && Files.readAllLines(calls).stream().anyMatch(c -> c.startsWith("create-cluster") && !c.contains("--dryrun"))) {
            out.add("lab-cluster");
        }
        return out;
    }

    private void createWritesExactly(JsonNode plan) throws Exception {
        aws.server().resetRequests();
        Files.deleteIfExists(dir.resolve("pcluster-calls.log"));
        Workspace.Result r = run("create");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(planned(plan), written(), "the plan named exactly what the create wrote: " + aws.writes());
        for (JsonNode c : plan.get("changes")) {
            if (c.get("resource").asText().equals("budget") && c.get("action").asText().equals("create")) {
                String name = c.get("name").asText();
                assertEquals(c.get("details").get("alerts_percent").size(),
                        aws.writes().stream().filter(w -> w.equals("CreateNotification " + name)).count(), name + ": " + aws.writes());
            }
        }
    }

    private static JsonNode change(JsonNode plan, String resource) {
        for (JsonNode c : plan.get("changes")) {
            if (c.get("resource").asText().equals(resource)) {
                return c;
            }
        }
        throw new AssertionError("no " + resource + " in " + plan);
    }

    @Test
    void onAFreshAccountThePlanListsExactlyWhatTheCreateThenCreates() throws Exception {
        aws.freshNetwork();
        JsonNode plan = plan();
        assertEquals("create", change(plan, "network stack").get("action").asText());
        assertEquals("pcluster-vpc-stack-2b", change(plan, "network stack").get("name").asText());
        assertEquals("create", change(plan, "cluster").get("action").asText());
        assertEquals("skip", change(plan, "heartbeat").get("action").asText(), "heartbeat_email is skip");
        assertTrue(Files.readString(Path.of(plan.get("cluster_yaml_path").asText())).contains("subnet-00000000standin"),
                "subnets the stack will create stand in");
        createWritesExactly(plan);
        assertTrue(written().contains("pcluster-vpc-stack-2b"));
    }

    @Test
    void onABootstrappedAccountThePlanListsTheBudgetsAndTheClusterAndThenNothing() throws Exception {
        JsonNode plan = plan();
        assertEquals("reuse", change(plan, "network").get("action").asText());
        assertEquals("subnet-0aaa1111bbbb2222c", change(plan, "network").get("details").get("public_subnet_id").asText());
        JsonNode cluster = change(plan, "cluster");
        assertEquals("4.3086", cluster.get("details").get("queues").get(0).get("spot_price_usd").asText(), "as the create prices it");
        assertEquals(2, cluster.get("details").get("queues").get(0).get("max_count").asInt());
        assertEquals("4.3086", plan.get("spot_prices").get("i8").asText());
        assertEquals("8.6172", plan.get("cost").get("max_hourly_usd").asText(), "2 × 4.3086");
        assertEquals("23.2", plan.get("cost").get("budget_hours").asText(), "$200 / 8.6172 per hour, rounded down");
        assertTrue(Files.readString(Path.of(plan.get("cluster_yaml_path").asText())).contains("SpotPrice: 4.3086"));
        createWritesExactly(plan);

        // the account now has everything: a second plan plans no write, and a second create sends none
        aws.budgetsExist();
        JsonNode again = plan();
        assertEquals(0, again.get("writes").asInt(), again.toString());
        assertEquals("reuse", change(again, "cluster").get("action").asText());
        createWritesExactly(again);
        assertEquals(List.of(), aws.writes());
    }

    @Test
    void aGateThatWouldStopTheCreateIsExitOneWithTheCheckNamedAndNothingPlannedAfterIt() throws Exception {
        aws.respond("DescribeKeyPairs", aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<DescribeKeyPairsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
                        + "<keySet/></DescribeKeyPairsResponse>"));
        Workspace.Result r = run("plan");
        assertEquals(1, r.exitCode(), r.stderr());
        JsonNode plan = Json.mapper().readTree(r.stdout()).get("plan");
        assertEquals(List.of(), violations(plan), plan.toString());
        assertFalse(plan.get("would_proceed").asBoolean());
        assertTrue(plan.get("stopping_checks").toString().contains("keypair"), plan.toString());
        assertEquals(0, plan.get("changes").size(), plan.toString());
        assertEquals(List.of(), aws.mutatingOperations());
        assertTrue(r.stderr().contains("a create would stop at the checks above"), r.stderr());
    }

    @Test
    void createWithThePlanFlagIsThePlan() throws Exception {
        aws.server().resetRequests();
        Workspace.Result r = run("create", "--plan");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode summary = Json.mapper().readTree(r.stdout());
        assertEquals("plan", summary.get("pipeline").asText());
        assertEquals(List.of(), violations(summary.get("plan")));
        assertEquals(List.of(), aws.mutatingOperations());
        assertFalse(Files.exists(dir.resolve("pcluster-created")), "no cluster");
    }
}
