package io.daylily.ec.steps.pcluster;

import static io.daylily.ec.steps.pcluster.PclusterFake.exit;
import static io.daylily.ec.steps.pcluster.PclusterFake.notFound;
import static io.daylily.ec.steps.pcluster.PclusterFake.ok;
import static io.daylily.ec.steps.pcluster.PclusterFake.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.FakeProcessRunner;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.pcluster.PclusterClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pcluster.dry_run} and {@code pcluster.create} against a scripted pcluster (PARITY §17, §18). */
class DryRunAndCreateTest {
    @TempDir
    Path dir;

    static final String DRY_OK = "{\"message\":\"" + PclusterClient.DRY_RUN_OK + "\",\"validationMessages\":"
            + "[{\"level\":\"WARNING\",\"type\":\"KeyPairValidator\",\"message\":\"check the key\"}]}";

    private static RunContext ctx() {
        return RunContext.empty("20260211120000").with(ContextKeys.CLUSTER_NAME, "c1").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.CLUSTER_YAML_PATH, "/cfg/c1_cluster_20260211120000.yaml");
    }

    /** The context the create step gets after a dry run that found no cluster of the name (issue #28: no second describe). */
    private static RunContext afterDryRun() {
        return ctx().with(DryRunStep.ABSENT, true);
    }

    private final ScriptedPrompter prompter = ScriptedPrompter.answering();

    private TestServices services(PclusterFake fake, String... env) {
        TestServices.Builder b = TestServices.builder(dir).processes(fake.runner).prompter(prompter);
        for (int i = 0; i < env.length; i += 2) {
            b.env(env[i], env[i + 1]);
        }
        return b.build();
    }

    static final String LIVE = "Region: us-west-2\nScheduling:\n  SlurmQueues:\n  - Name: i8\n    ComputeResources:\n"
            + "    - Name: r\n      MaxCount: 8\n      SpotPrice: 4.31\n";

    /** An existing cluster whose stored configuration is {@code live}; this run rendered {@code proposed}. */
    private RunContext existing(String live, String proposed) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("live.yaml"), live);
        java.nio.file.Files.writeString(dir.resolve("c1_cluster_20260211120000.yaml"), proposed);
        return ctx().with(ContextKeys.CLUSTER_YAML_PATH, dir.resolve("c1_cluster_20260211120000.yaml").toString());
    }

    private PclusterFake describedWithConfig() {
        return new PclusterFake().describe(ok("{\"clusterName\": \"c1\", \"clusterStatus\": \"CREATE_COMPLETE\","
                + " \"clusterConfiguration\": {\"url\": \"" + dir.resolve("live.yaml").toUri() + "\"}}"));
    }

    @Test
    void anExistingClusterWithTheSameSettingsIsLeftAsItIs() throws Exception {
        RunContext in = existing(LIVE, LIVE.replace("SpotPrice: 4.31", "SpotPrice: 4.52"));
        TestServices s = services(describedWithConfig());
        assertEquals("CREATE_COMPLETE", new DryRunStep().run(in, s).require(ContextKeys.CLUSTER_STATUS));
        assertEquals("same", s.events().check("pcluster.dry_run").details().get("configuration"), "the market's prices are not settings");
        assertTrue(s.events().published(io.daylily.ec.api.event.WarningEvent.class).isEmpty());
    }

    @Test
    void anExistingClusterWithOtherSettingsStopsTheRunListingThem() throws Exception {
        RunContext in = existing(LIVE, LIVE.replace("MaxCount: 8", "MaxCount: 16") + "Imds:\n  ImdsSupport: v2.0\n");
        PclusterFake fake = describedWithConfig();
        io.daylily.ec.api.DaylilyException e = assertThrows(io.daylily.ec.api.DaylilyException.class,
                () -> new DryRunStep().run(in, services(fake)));
        assertEquals(1, e.exitCode().code());
        assertEquals("config_differs", e.reason());
        assertTrue(e.getMessage().startsWith("cluster c1 already exists in us-west-2 with other settings than this run's"
                + " (2 differences, live → new):\n  Imds.ImdsSupport: (absent) → v2.0\n"
                + "  Scheduling.SlurmQueues[0].ComputeResources[0].MaxCount: 8 → 16\nNothing was changed. Either delete it first"
                + " (daylily-ec delete --cluster-name c1 --region us-west-2)"), e.getMessage());
        assertEquals(1, fake.calls().size(), "no dry run, no create: only the describe");
    }

    @Test
    void aConfigurationThatCannotBeReadIsAWarningNotAGuess() throws Exception {
        RunContext in = ctx();
        TestServices s = services(new PclusterFake().describe(status("CREATE_COMPLETE")));
        new DryRunStep().run(in, s);
        assertEquals("unknown", s.events().check("pcluster.dry_run").details().get("configuration"));
        assertTrue(s.events().published(io.daylily.ec.api.event.WarningEvent.class).get(0).message()
                .contains("its configuration could not be read to compare it with this run's (pcluster describe-cluster names no"
                        + " clusterConfiguration.url)"));
    }

    @Test
    void theLiveConfigurationIsFetchedOverHttpAndARefusalIsAnError() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok.yaml", x -> {
            byte[] b = LIVE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.createContext("/expired.yaml", x -> {
            x.sendResponseHeaders(403, -1);
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(LIVE, LiveConfig.fetch(base + "/ok.yaml"));
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> LiveConfig.fetch(base + "/expired.yaml"));
            assertEquals("HTTP 403", e.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void differencesAreByPathAndIgnoreOnlySpotPrices() {
        assertEquals(List.of(), LiveConfig.differences("a: 1\nb: [x, y]\n", "b: [x, y]\na: 1\n"), "key order is not a setting");
        assertEquals(List.of("b[1]: y → z"), LiveConfig.differences("b: [x, y]\n", "b: [x, z]\n"));
        assertEquals(List.of("b[2]: (absent) → w"), LiveConfig.differences("b: [x, y]\n", "b: [x, y, w]\n"));
        assertEquals(List.of("a.SpotPriceCap: 1 → 2"), LiveConfig.differences("a: {SpotPrice: 1, SpotPriceCap: 1}\n",
                "a: {SpotPrice: 9, SpotPriceCap: 2}\n"), "only the key SpotPrice itself is ignored");
        assertEquals(List.of(), LiveConfig.differences("Tags: [{Key: git, Value: daylily-ec-0.1.0}]\n",
                "Tags: [{Key: git, Value: daylily-ec-0.2.0}]\n"), "an upgrade of daylily-ec is not a changed setting");
        assertEquals(List.of("Tags[0].Value: daylily-ec-0.1.0 → other"), LiveConfig.differences(
                "Tags: [{Key: git, Value: daylily-ec-0.1.0}]\n", "Tags: [{Key: git, Value: other}]\n"));
        assertEquals(java.util.Optional.empty(), LiveConfig.url(null));
        assertEquals(java.util.Optional.of("https://x/y"), LiveConfig.url(io.daylily.ec.api.Json.mapper().createObjectNode()
                .set("clusterConfiguration", io.daylily.ec.api.Json.mapper().createObjectNode().put("url", "https://x/y"))));
        assertThrows(java.io.IOException.class, () -> LiveConfig.fetch("ftp://x/y"));
    }

    @Test
    void theirPlaceInThePlan() {
        assertEquals("pcluster.dry_run", new DryRunStep().id());
        assertEquals(Order.PCLUSTER + 20, new DryRunStep().order());
        assertEquals(Set.of(Pipelines.CREATE), new DryRunStep().pipelines());
        assertFalse(new DryRunStep().description().isBlank());
        assertEquals("pcluster.create", new CreateStep().id());
        assertEquals(Order.PCLUSTER + 30, new CreateStep().order());
        assertEquals(Set.of(Pipelines.CREATE), new CreateStep().pipelines());
        assertFalse(new CreateStep().description().isBlank());
    }

    @Test
    void aSuccessfulDryRunPassesShowingItsValidationMessages() {
        PclusterFake fake = new PclusterFake().describe(notFound()).dryRun(exit(1, DRY_OK, ""));
        TestServices s = services(fake);
        RunContext in = ctx();
        assertEquals(in.with(DryRunStep.ABSENT, true), new DryRunStep().run(in, s), "it says the cluster does not exist, nothing else");
        assertEquals(List.of(List.of("pcluster", "describe-cluster", "-n", "c1", "--region", "us-west-2"),
                List.of("pcluster", "create-cluster", "-n", "c1", "-c", "/cfg/c1_cluster_20260211120000.yaml", "--dryrun", "true",
                        "--region", "us-west-2")), fake.calls());
        assertEquals(CheckStatus.PASS, s.events().check("pcluster.dry_run").status());
        assertEquals(List.of("WARNING KeyPairValidator: check the key"), s.events().check("pcluster.dry_run").details().get("validation_messages"));
        assertEquals(List.of("  WARNING KeyPairValidator: check the key"), prompter.said());
        assertEquals("pcluster create-cluster -n c1 -c /cfg/c1_cluster_20260211120000.yaml --dryrun true --region us-west-2",
                s.events().check("pcluster.dry_run").details().get("command"));
    }

    @Test
    void dayBreakStopsWithExit0AfterASuccessfulDryRunOnly() {
        io.daylily.ec.api.Stop stop = io.daylily.ec.api.Stop.in(new DryRunStep().run(ctx(),
                services(new PclusterFake().describe(notFound()).dryRun(exit(1, DRY_OK, "")), "DAY_BREAK", "1"))).orElseThrow();
        assertEquals(0, stop.exitCode().code());
        assertEquals("day_break", stop.reason());
        assertTrue(stop.message().contains("; nothing was created or changed in AWS. The cluster YAML is /cfg/"), stop.message());
        // what the run did create on the way is named, never "nothing"
        RunContext created = io.daylily.ec.api.AwsChanges.record(io.daylily.ec.api.AwsChanges.record(ctx(),
                "network stack pcluster-vpc-stack-us-west-2b (created)"), "IAM role eventbridge-scheduler-to-sns (created)");
        String named = io.daylily.ec.api.Stop.in(new DryRunStep().run(created,
                services(new PclusterFake().describe(notFound()).dryRun(exit(1, DRY_OK, "")), "DAY_BREAK", "1"))).orElseThrow().message();
        assertTrue(named.contains("created or changed in AWS for it: network stack pcluster-vpc-stack-us-west-2b (created);"
                + " IAM role eventbridge-scheduler-to-sns (created) (no budget and no cluster were created)"), named);
        assertFalse(named.contains("nothing was created"), named);
        // any other value goes on
        TestServices s = services(new PclusterFake().describe(notFound()).dryRun(exit(1, DRY_OK, "")), "DAY_BREAK", "0");
        assertTrue(io.daylily.ec.api.Stop.in(new DryRunStep().run(ctx(), s)).isEmpty());
        assertEquals(CheckStatus.PASS, s.events().check("pcluster.dry_run").status());
        // a failed dry run is exit 2 whatever DAY_BREAK says
        AwsOperationException failed = assertThrows(AwsOperationException.class, () -> new DryRunStep().run(ctx(),
                services(new PclusterFake().describe(notFound()).dryRun(exit(1, "{\"message\":\"Invalid cluster configuration\"}", "")),
                        "DAY_BREAK", "1")));
        assertEquals(2, failed.exitCode().code());
    }

    @Test
    void aFailedDryRunIsExit2ListingTheErrorsAndTheCommandToRerun() {
        String body = "{\"message\":\"Invalid cluster configuration.\",\"configurationValidationErrors\":["
                + "{\"level\":\"ERROR\",\"type\":\"NameValidator\",\"message\":\"bad name\"},"
                + "{\"level\":\"ERROR\",\"type\":\"MaxCountValidator\",\"message\":\"must be >= 1\"}]}";
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new DryRunStep().run(ctx(),
                services(new PclusterFake().describe(notFound()).dryRun(exit(1, body, "")))));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().startsWith("dry run failed: Invalid cluster configuration."), e.getMessage());
        assertTrue(e.getMessage().contains("\n  ERROR NameValidator: bad name\n  ERROR MaxCountValidator: must be >= 1"), e.getMessage());
        assertTrue(e.getMessage().endsWith("re-run: pcluster create-cluster -n c1 -c /cfg/c1_cluster_20260211120000.yaml --dryrun true"
                + " --region us-west-2"), e.getMessage());
    }

    @Test
    void aDryRunWithoutJsonSaysWhyFromItsStreams() {
        AwsOperationException stderr = assertThrows(AwsOperationException.class, () -> new DryRunStep().run(ctx(),
                services(new PclusterFake().describe(notFound()).dryRun(exit(3, "out", " Traceback: boom \n")))));
        assertTrue(stderr.getMessage().startsWith("dry run failed: exit 3: Traceback: boom\n"), stderr.getMessage());
        AwsOperationException stdout = assertThrows(AwsOperationException.class, () -> new DryRunStep().run(ctx(),
                services(new PclusterFake().describe(notFound()).dryRun(exit(3, " only stdout ", "  ")))));
        assertTrue(stdout.getMessage().startsWith("dry run failed: exit 3: only stdout\n"), stdout.getMessage());
        AwsOperationException slow = assertThrows(AwsOperationException.class, () -> new DryRunStep().run(ctx(),
                services(new PclusterFake().describe(notFound()).dryRun(new io.daylily.ec.api.ProcessResult(-1, "", "",
                        java.time.Duration.ofMinutes(10), true)))));
        assertTrue(slow.getMessage().startsWith("dry run failed: timed out"), slow.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS"})
    void aClusterThatExistsIsNotCreatedAgain(String existing) {
        PclusterFake fake = new PclusterFake().describe(status(existing));
        TestServices s = services(fake);
        RunContext out = new DryRunStep().run(ctx(), s);
        assertEquals(existing, out.require(ContextKeys.CLUSTER_STATUS));
        assertEquals(1, fake.calls().size(), "no dry run");
        assertEquals(existing, s.events().check("pcluster.dry_run").details().get("existing_cluster_status"));
        assertEquals(1, prompter.said().size());
        // and the create step then sends nothing
        TestServices c = services(fake);
        assertSame(out, new CreateStep().run(out, c));
        assertEquals(1, fake.calls().size(), "no create-cluster");
        assertEquals("already_exists", c.events().check("pcluster.create").details().get("action"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE_FAILED", "DELETE_IN_PROGRESS", "DELETE_FAILED", "UPDATE_FAILED"})
    void aClusterInAnyOtherStateIsExit2NamingIt(String existing) {
        PclusterFake fake = new PclusterFake().describe(status(existing));
        AwsOperationException e = assertThrows(AwsOperationException.class, () -> new DryRunStep().run(ctx(), services(fake)));
        assertEquals(2, e.exitCode().code());
        assertTrue(e.getMessage().contains(" as " + existing + ";"), e.getMessage());
        assertEquals(1, fake.calls().size());
    }

    @Test
    void theCreateIsSentOnceAndItsStatusGoesIntoTheContext() {
        PclusterFake fake = new PclusterFake().create(ok("{\"cluster\":{\"clusterStatus\":\"CREATE_IN_PROGRESS\","
                + "\"cloudformationStackArn\":\"arn:aws:cloudformation:us-west-2:1:stack/c1/x\"}}"));
        TestServices s = services(fake);
        RunContext out = new CreateStep().run(afterDryRun(), s);
        assertEquals("CREATE_IN_PROGRESS", out.require(ContextKeys.CLUSTER_STATUS));
        assertEquals(List.of(List.of("pcluster", "create-cluster", "-n", "c1", "-c", "/cfg/c1_cluster_20260211120000.yaml",
                "--region", "us-west-2")), fake.calls());
        assertEquals("arn:aws:cloudformation:us-west-2:1:stack/c1/x", s.events().check("pcluster.create").details().get("stack_arn"));
        assertEquals(List.of("Cluster c1 accepted by ParallelCluster: CREATE_IN_PROGRESS"), prompter.said());
        // a success without a body is taken as in progress
        RunContext bare = new CreateStep().run(afterDryRun(), services(new PclusterFake().create(ok("{}"))));
        assertEquals("CREATE_IN_PROGRESS", bare.require(ContextKeys.CLUSTER_STATUS));
    }

    @Test
    void aFailedCreateIsExit2SayingWhy() {
        AwsOperationException json = assertThrows(AwsOperationException.class, () -> new CreateStep().run(afterDryRun(),
                services(new PclusterFake().create(exit(1, "{\"message\":\"Bad Request: quota\"}", "")))));
        assertEquals(2, json.exitCode().code());
        assertEquals("pcluster create-cluster failed (exit 1): Bad Request: quota", json.getMessage());
        AwsOperationException err = assertThrows(AwsOperationException.class, () -> new CreateStep().run(afterDryRun(),
                services(new PclusterFake().create(exit(2, "x", " boom ")))));
        assertEquals("pcluster create-cluster failed (exit 2): boom", err.getMessage());
        AwsOperationException out = assertThrows(AwsOperationException.class, () -> new CreateStep().run(afterDryRun(),
                services(new PclusterFake().create(exit(2, " only out ", "")))));
        assertEquals("pcluster create-cluster failed (exit 2): only out", out.getMessage());
        AwsOperationException slow = assertThrows(AwsOperationException.class, () -> new CreateStep().run(afterDryRun(),
                services(new PclusterFake().create(new io.daylily.ec.api.ProcessResult(0, "{}", "", java.time.Duration.ZERO, true)))));
        assertEquals("pcluster create-cluster failed (exit 0): timed out", slow.getMessage());
    }

    @Test
    void aMissingPclusterIsAToolchainFailure() {
        DaylilyException e = assertThrows(DaylilyException.class, () -> new CreateStep().run(afterDryRun(),
                TestServices.builder(dir).processes(new FakeProcessRunner()).build()));
        assertEquals(4, e.exitCode().code());
    }

    @Test
    void theExistenceCheckIsStartedAheadByTheDryRunInACreateAndByTheCreateStepInAPlanOnly() {
        PclusterFake fake = new PclusterFake().describe(notFound());
        TestServices s = TestServices.builder(dir).processes(fake.runner).lookups(io.daylily.ec.support.lookup.SharedLookups::forEnv).build();
        new CreateStep().startReads(ctx().with(ContextKeys.PIPELINE, io.daylily.ec.api.Pipelines.CREATE), s);
        assertTrue(s.lookups().settle(java.time.Duration.ofSeconds(10)));
        assertEquals(List.of(), fake.calls(), "in a create the dry run asks first: the create step starts nothing");
        new DryRunStep().startReads(ctx(), s);
        new CreateStep().startReads(ctx().with(ContextKeys.PIPELINE, io.daylily.ec.api.Pipelines.PLAN), s);
        assertTrue(s.lookups().settle(java.time.Duration.ofSeconds(10)));
        assertEquals(List.of(List.of("pcluster", "describe-cluster", "-n", "c1", "--region", "us-west-2")), fake.calls(),
                "one describe for both: the same key");
        new DryRunStep().startReads(ctx().without(ContextKeys.CLUSTER_NAME), s);
        assertEquals(1, fake.calls().size(), "no name yet: nothing to check");
    }
}
