package io.daylily.ec.app.listeners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.RunFinished;
import io.daylily.ec.api.event.RunStarted;
import io.daylily.ec.api.event.StepFinished;
import io.daylily.ec.api.event.StepStarted;
import io.daylily.ec.api.event.WarningEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWritersTest {
    @TempDir
    Path dir;

    private RunContext ctx() {
        return RunContext.empty("20260211120000").with(ContextKeys.CLUSTER_NAME, "test-cluster")
                .with(ContextKeys.REGION, "us-west-2").with(ContextKeys.REGION_AZ, "us-west-2b");
    }

    private void feed(JsonReportWriter w, RunContext c, List<CheckResult> checks, ExitCode code) {
        w.onRunStarted(new RunStarted("preflight", dir, List.of("a"), c));
        checks.forEach(w::onCheck);
        w.onStepFinished(new StepFinished("a", true, Duration.ZERO, c));
        w.onRunFinished(new RunFinished("preflight", code, "", "", c, checks));
    }

    @Test
    void reportIsWrittenOnAFailAbortWithSortedKeysAndPrivateMode() throws Exception {
        JsonReportWriter w = new JsonReportWriter(dir);
        List<CheckResult> checks = List.of(CheckResult.pass("quota.vpcs", Map.of("current_value", 5)),
                CheckResult.fail("quota.spot_vcpu", Map.of("tot_vcpu_demand", 1296), "raise the quota to 1296"));
        feed(w, ctx(), checks, ExitCode.VALIDATION);

        Path f = dir.resolve("preflight_test-cluster_20260211120000.json");
        assertEquals(f, w.path());
        JsonNode doc = Json.mapper().readTree(Files.readString(f));
        assertFalse(doc.get("passed").asBoolean());
        assertEquals("FAIL", doc.get("checks").get(1).get("status").asText());
        assertEquals("", doc.get("checks").get(0).get("remediation").asText());
        List<String> keys = new java.util.ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys.stream().sorted().toList(), keys, "top-level keys sorted");
        assertEquals(AtomicFiles.PRIVATE, Files.getPosixFilePermissions(f));
        assertEquals(List.of(), io.daylily.ec.app.ReportSchema.violations(doc));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("run_id", "not-a-run-id");
        assertEquals(1, io.daylily.ec.app.ReportSchema.violations(doc).size(), "the schema can fail");
    }

    @Test
    void reportIsByteIdenticalForIdenticalInput() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        List<CheckResult> checks = List.of(CheckResult.warn("quota.ondemand_vcpu", Map.of("minimum", 20), "below"));
        feed(new JsonReportWriter(a), ctx(), checks, ExitCode.OK);
        feed(new JsonReportWriter(b), ctx(), checks, ExitCode.OK);
        String name = "preflight_test-cluster_20260211120000.json";
        assertEquals(Files.readString(a.resolve(name)), Files.readString(b.resolve(name)));
    }

    @Test
    void reportIsWrittenWhenThePreflightPhaseEnds() {
        JsonReportWriter w = new JsonReportWriter(dir);
        w.onRunStarted(new RunStarted("create", dir, List.of("p", "i"), ctx()));
        w.onCheck(CheckResult.pass("iam.policy.global"));
        w.onStepStarted(new StepStarted("infra.network", 300));
        w.onCheck(CheckResult.pass("infra.later"));
        assertTrue(Files.exists(dir.resolve("preflight_test-cluster_20260211120000.json")));
        assertEquals(1, ((List<?>) w.report().get("checks")).size(), "checks after preflight are not in the report");
    }

    @Test
    void stateIsWrittenOnlyOnceAwsMayBeTouchedAndRecordsWarnings() throws Exception {
        StateFileWriter w = new StateFileWriter(dir);
        w.onStepStarted(new StepStarted("preflight.quotas", 240));
        w.onStepFinished(new StepFinished("preflight.quotas", true, Duration.ZERO, ctx()));
        assertNull(w.path(), "no state before an AWS-touching step");

        w.onStepStarted(new StepStarted("infra.network", 300));
        w.onStepFinished(new StepFinished("infra.network", true, Duration.ZERO,
                ctx().with(io.daylily.ec.api.ContextKey.of("cfn_stack_name", String.class), "pcluster-vpc-stack-2b")));
        Path f = dir.resolve("state_test-cluster_20260211120000.json");
        assertEquals(f, w.path());
        JsonNode s = Json.mapper().readTree(Files.readString(f));
        assertEquals("in_progress", s.get("status").asText());
        assertEquals("pcluster-vpc-stack-2b", s.get("cfn_stack_name").asText());
        assertEquals("", s.get("bucket").asText());

        w.onWarning(new WarningEvent("post.headnode", "ssh failed"));
        w.onRunFinished(new RunFinished("create", ExitCode.OK, "", "", ctx(), List.of()));
        s = Json.mapper().readTree(Files.readString(f));
        assertEquals("complete", s.get("status").asText());
        assertEquals("post.headnode: ssh failed", s.get("post_create_warnings").get(0).asText());
        assertTrue(Files.readString(f).endsWith("}\n"));
    }

    @Test
    void aTouchedResourceIsInTheStateAtOnceEvenIfTheStepThenFails() throws Exception {
        StateFileWriter w = new StateFileWriter(dir);
        w.onRunStarted(new RunStarted("create", dir, List.of("infra.network"), ctx()));
        w.onStepStarted(new StepStarted("infra.network", 300));
        w.onResourceTouched(new io.daylily.ec.api.event.ResourceTouched("cfn_stack_name", "pcluster-vpc-stack-2b"));
        Path f = dir.resolve("state_test-cluster_20260211120000.json");
        assertEquals("pcluster-vpc-stack-2b", Json.mapper().readTree(Files.readString(f)).get("cfn_stack_name").asText());
        // the step fails: its StepFinished carries the input context, without the stack name
        w.onStepFinished(new StepFinished("infra.network", false, Duration.ZERO, ctx()));
        w.onRunFinished(new RunFinished("create", ExitCode.AWS, "stack rolled back", "aws_operation_failed", ctx(), List.of()));
        JsonNode s = Json.mapper().readTree(Files.readString(f));
        assertEquals("pcluster-vpc-stack-2b", s.get("cfn_stack_name").asText());
        assertEquals("failed", s.get("status").asText());
        assertEquals(2, s.get("exit_code").asInt());
    }

    /** Runs a create of test-cluster with run id {@code runId} in {@code az} up to {@code status}, touching {@code touched}. */
    private JsonNode createRun(String runId, String az, ExitCode end, Map<String, String> touched) throws Exception {
        RunContext c = RunContext.empty(runId).with(ContextKeys.CLUSTER_NAME, "test-cluster")
                .with(ContextKeys.REGION, az.substring(0, az.length() - 1)).with(ContextKeys.REGION_AZ, az);
        StateFileWriter w = new StateFileWriter(dir);
        w.onRunStarted(new RunStarted("create", dir, List.of("infra.network"), c));
        w.onStepStarted(new StepStarted("infra.network", 300));
        touched.forEach((k, v) -> w.onResourceTouched(new io.daylily.ec.api.event.ResourceTouched(k, v)));
        w.onStepFinished(new StepFinished("infra.network", true, Duration.ZERO, c));
        if (end != null) {
            w.onRunFinished(new RunFinished("create", end, "", "", c, List.of()));
        }
        return Json.mapper().readTree(Files.readString(dir.resolve("state_test-cluster_" + runId + ".json")));
    }

    @Test
    void aRerunSupersedesAKilledRunsRecordAndCarriesWhatItCreated() throws Exception {
        // the first run was killed (SIGKILL) after it created the stack: its record stays in_progress
        JsonNode killed = createRun("20260211120000", "us-west-2b", null, Map.of("cfn_stack_name", "pcluster-vpc-stack-2b"));
        assertEquals("in_progress", killed.get("status").asText());
        assertEquals("create", killed.get("kind").asText());
        JsonNode rerun = createRun("20260211130000", "us-west-2b", ExitCode.OK, Map.of());
        assertEquals("complete", rerun.get("status").asText());
        assertEquals("pcluster-vpc-stack-2b", rerun.get("cfn_stack_name").asText(), "the rerun's record names the stack the first run made");
        JsonNode old = Json.mapper().readTree(Files.readString(dir.resolve("state_test-cluster_20260211120000.json")));
        assertEquals("superseded", old.get("status").asText());
        assertEquals("20260211130000", old.get("superseded_by").asText());
        // a run in another AZ inherits nothing; this run's own value wins over an inherited one
        assertEquals("", createRun("20260211140000", "us-east-1a", ExitCode.OK, Map.of()).get("cfn_stack_name").asText());
        assertEquals("pcluster-vpc-stack-2b-new", createRun("20260211150000", "us-west-2b", ExitCode.OK,
                Map.of("cfn_stack_name", "pcluster-vpc-stack-2b-new")).get("cfn_stack_name").asText());
        assertEquals("complete", Json.mapper().readTree(Files.readString(dir.resolve("state_test-cluster_20260211130000.json")))
                .get("status").asText(), "a finished record is never superseded");
    }

    @Test
    void afterACompleteDeleteNothingIsInherited() throws Exception {
        createRun("20260211120000", "us-west-2b", ExitCode.AWS, Map.of("cfn_stack_name", "pcluster-vpc-stack-2b"));
        RunContext d = RunContext.empty("20260211130000").with(ContextKeys.CLUSTER_NAME, "test-cluster").with(ContextKeys.REGION, "us-west-2");
        StateFileWriter w = new StateFileWriter(dir, "delete");
        w.onRunStarted(new RunStarted("delete", dir, List.of("delete.cluster"), d));
        w.onStepStarted(new StepStarted("delete.cluster", 900));
        assertFalse(Files.exists(dir.resolve("state_test-cluster_20260211130000.json")), "a delete is recorded once it deletes");
        w.onResourceTouched(new io.daylily.ec.api.event.ResourceTouched("cluster_name", "test-cluster"));
        w.onRunFinished(new RunFinished("delete", ExitCode.OK, "", "", d, List.of()));
        assertEquals("delete", Json.mapper().readTree(Files.readString(dir.resolve("state_test-cluster_20260211130000.json")))
                .get("kind").asText());
        assertEquals("", createRun("20260211140000", "us-west-2b", ExitCode.OK, Map.of()).get("cfn_stack_name").asText(),
                "the stack went with the delete");
    }

    @Test
    void safeNames() {
        assertEquals("unknown", AtomicFiles.safeName(null));
        assertEquals("unknown", AtomicFiles.safeName(""));
        assertEquals("my-cluster", AtomicFiles.safeName("my-cluster"));
        assertEquals("my_cluster___", AtomicFiles.safeName("my cluster!@#"));
        assertEquals("my_cluster_1", AtomicFiles.safeName("my_cluster_1"));
    }

    @Test
    void consoleLines() {
        Style plain = new Style(false);
        assertEquals("✓ iam.policy.global", ConsoleWriter.line(CheckResult.pass("iam.policy.global"), plain));
        assertEquals("✗ quota.vpcs: raise it", ConsoleWriter.line(CheckResult.fail("quota.vpcs", Map.of(), "raise it"), plain));
        assertEquals("⚠ quota.vpcs: low", ConsoleWriter.line(CheckResult.warn("quota.vpcs", Map.of(), "low"), plain));
        assertFalse(Style.decide(false, false, true, Map.of("NO_COLOR", "1")).color());
        assertFalse(Style.decide(false, false, true, Map.of("TERM", "dumb")).color());
        assertFalse(Style.decide(false, true, true, Map.of()).color());
        assertFalse(Style.decide(true, false, true, Map.of()).color());
        assertFalse(Style.decide(false, false, false, Map.of()).color());
        assertTrue(Style.decide(false, false, true, Map.of("NO_COLOR", "")).color());
    }
}
