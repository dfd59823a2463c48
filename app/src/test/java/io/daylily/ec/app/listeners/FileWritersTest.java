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
