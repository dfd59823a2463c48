package io.daylily.ec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.daylily.ec.api.Json;
import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.SimulatedRun;
import io.daylily.ec.app.sim.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code daylily-ec preflight} as a user runs it: the shaded jar in a subprocess, AWS simulated on a
 * local port (the SDK's own marshalling over HTTP), fake external programs on PATH.
 */
class PreflightIT extends SimulatedRun {
    static final List<String> GATES = List.of("config.file", "config.values", "toolchain.pcluster", "toolchain.node",
            "toolchain.git", "toolchain.ssh", "toolchain.reference_verifier", "toolchain.pcluster_version", "aws.identity",
            "iam.policy.global", "iam.policy.regional", "iam.pcluster_omics_policy", "quota.ondemand_vcpu", "quota.spot_vcpu",
            "quota.vpcs", "quota.elastic_ips", "quota.nat_gateways", "quota.internet_gateways", "s3.bucket_select",
            "s3.bucket_verify", "keypair.pem", "network.subnets", "iam.tags_budget_policy", "ec2.instance_types",
            // issue #16: the cluster template and the spot prices are checked before anything is created
            "pcluster.template", "pcluster.spot_price_lookup",
            // issue #20: the spot placement score of each spot queue in the AZ
            "pcluster.spot_placement.i8");

    private Workspace.Result preflight(Map<String, String> env) throws Exception {
        return ws.run(Workspace.jar(), env, "--json", "preflight", "--region-az", "us-west-2b", "--non-interactive",
                "--config", ws.config.toString());
    }

    private static List<String> ids(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("checks").forEach(c -> out.add(c.get("id").asText()));
        return out;
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no " + id + " in " + report);
    }

    @Test
    void theSpotPlacementScoreIsAskedInEc2sWireFormatAndALowOneIsAWarningNamingTheBestAzs() throws Exception {
        Workspace.Result ok = preflight(ws.env(aws.endpoint()));
        assertEquals(0, ok.exitCode(), ok.stderr());
        JsonNode good = check(Json.mapper().readTree(ok.stdout()).get("report"), "pcluster.spot_placement.i8");
        assertEquals("PASS", good.get("status").asText());
        assertEquals(8, good.get("details").get("score").asInt(), "us-west-2b is usw2-az1 in the AZ listing");
        assertEquals(16, good.get("details").get("target_vcpus").asInt(), "MaxCount 1 × 8 vCPUs, twice");
        String body = aws.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("Action=GetSpotPlacementScores&"))).get(0).getBodyAsString();
        for (String p : List.of("InstanceType.1=r6i.2xlarge", "InstanceType.2=r7i.2xlarge", "TargetCapacity=16",
                "TargetCapacityUnitType=vcpu", "SingleAvailabilityZone=true", "RegionName.1=us-west-2")) {
            assertTrue(body.contains(p), p + " in " + body);
        }

        aws.server().resetRequests();
        aws.query("GetSpotPlacementScores", "ec2/GetSpotPlacementScores-low.xml");
        Workspace.Result low = preflight(ws.env(aws.endpoint()));
        assertEquals(1, low.exitCode(), "a warning stops a --non-interactive run: " + low.stderr());
        JsonNode warn = check(Json.mapper().readTree(low.stdout()).get("report"), "pcluster.spot_placement.i8");
        assertEquals("WARN", warn.get("status").asText());
        assertTrue(warn.get("remediation").asText().startsWith("spot placement score of queue i8 in us-west-2b is 2 of 10"),
                warn.toString());
        assertTrue(warn.get("remediation").asText().endsWith("AZs that score best: us-west-2a (9), us-west-2c (3), us-west-2b (2)"),
                warn.toString());
        assertEquals(List.of(), aws.mutatingOperations());

        aws.respond("GetSpotPlacementScores", SimulatedAws.ec2Denied());
        Workspace.Result denied = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "--json", "preflight", "--region-az", "us-west-2b",
                "--non-interactive", "--pass-on-warn", "--config", ws.config.toString());
        assertEquals(0, denied.exitCode(), "denied is a warning, never a failure: " + denied.stderr());
        JsonNode d = check(Json.mapper().readTree(denied.stdout()).get("report"), "pcluster.spot_placement.i8");
        assertEquals("WARN", d.get("status").asText());
        assertTrue(d.get("remediation").asText().contains("UnauthorizedOperation"), d.toString());
    }

    @Test
    void healthyAccountWalksEveryGateAndChangesNothing() throws Exception {
        Workspace.Result r = preflight(ws.env(aws.endpoint()));
        assertEquals(List.of(), aws.server().findAllUnmatchedRequests().stream().map(u -> u.getMethod() + " " + u.getUrl()).toList(),
                "every request is one the simulation knows");
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode summary = Json.mapper().readTree(r.stdout());
        JsonNode report = summary.get("report");
        assertTrue(report.get("passed").asBoolean());
        assertEquals(GATES, ids(report));
        assertEquals("123456789012", report.get("account_id").asText());
        assertEquals("lab-cluster", report.get("cluster_name").asText());
        Path file = Path.of(summary.get("report_path").asText());
        assertEquals(ws.configDir.resolve("preflight_lab-cluster_" + summary.get("run_id").asText() + ".json"), file);
        assertEquals(Files.readString(file), Json.write(Json.mapper().convertValue(report, Object.class)));
        assertEquals(List.of(), ReportSchema.violations(report), "the report follows docs/preflight-report.schema.json");
        assertEquals(List.of(), aws.mutatingOperations(), "preflight never mutates AWS");
        assertTrue(r.stderr().contains("Preflight passed — " + GATES.size() + " checks OK"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        assertFalse(r.stderr().contains("simulated-secret"), "no secret in output");
        assertFalse(Files.readString(file).contains("simulated-secret"));
        assertEquals(19, aws.requestCount(), "15, the spot prices (read once here for the whole run), and the placement score's"
                + " three reads (vCPUs, AZ names, the queue's score): " + aws.summary());
        assertEquals(1, aws.operations().stream().filter("DescribeSpotPriceHistory"::equals).count(), aws.summary());
        assertEquals(List.of(), aws.repeatedRequests(), "no AWS call repeated within a run");
        System.out.println("preflight requests: " + aws.requestCount() + " " + aws.summary());
    }

    /** When (epoch ms) the fake pcluster's {@code what} call was over its start-up. */
    private long pclusterStarted(String what) throws Exception {
        return Files.readAllLines(dir.resolve("pcluster-started.log")).stream().filter(l -> l.startsWith(what + " "))
                .mapToLong(l -> Long.parseLong(l.substring(what.length() + 1))).findFirst().orElseThrow();
    }

    /** When (epoch ms) the first request matching {@code curl} (the verifier) or not (daylily-ec) arrived. */
    private long firstRequest(boolean curl) {
        return aws.server().getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getHeader("User-Agent") != null && r.getHeader("User-Agent").startsWith("curl/") == curl)
                .mapToLong(r -> r.getLoggedDate().getTime()).min().orElseThrow();
    }

    @Test
    void pclusterStartUpAndTheVerifierOverlapTheAwsLookups() throws Exception {
        // issue #19: a slow pcluster start-up (3 s here) no longer holds up the AWS lookups, and the verifier
        // (10 sequential S3 reads) starts once the bucket listing lands, not after the gates before its own
        ws.verifierReadingS3(10);
        aws.referenceBundle("lab-omics-analysis-us-west-2");
        Map<String, String> env = new java.util.HashMap<>(ws.env(aws.endpoint()));
        env.put(Workspace.STARTUP_ENV, "3");
        Workspace.Result r = preflight(env);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(GATES, ids(Json.mapper().readTree(r.stdout()).get("report")), "the report keeps its order");
        long version = pclusterStarted("version");
        assertTrue(firstRequest(false) < version, "AWS was asked while pcluster was starting");
        assertTrue(firstRequest(true) < version, "the verifier read S3 while pcluster was starting");
        assertEquals(10, aws.curlRequestCount());
        assertEquals(19, aws.requestCount() - aws.curlRequestCount(), aws.summary());

        aws.server().resetRequests();
        Files.delete(dir.resolve("pcluster-started.log"));
        env.put("DAYLILY_SEQUENTIAL", "1");
        env.put(Workspace.STARTUP_ENV, "0.2");
        Workspace.Result seq = preflight(env);
        assertEquals(0, seq.exitCode(), seq.stderr());
        assertTrue(firstRequest(false) >= pclusterStarted("version"), "one at a time: AWS after pcluster version");
    }

    @Test
    void lowSpotQuotaFailsAndLaterGatesNeverRun() throws Exception {
        aws.quota("L-34B43A08", 100.0);
        Workspace.Result r = preflight(ws.env(aws.endpoint()));
        assertEquals(1, r.exitCode(), r.stderr());
        JsonNode report = Json.mapper().readTree(r.stdout()).get("report");
        List<String> ids = ids(report);
        assertEquals("quota.internet_gateways", ids.get(ids.size() - 1), "the quota gate completes, nothing after it");
        assertTrue(r.stderr().contains("✗ quota.spot_vcpu: Requested spot vCPUs (328) >= quota (100)"), r.stderr());
        assertFalse(r.stderr().contains("keypair") || r.stderr().contains("s3.bucket"), "later gates report nothing: " + r.stderr());
        assertEquals(List.of(), ReportSchema.violations(report));
        assertFalse(report.get("passed").asBoolean());
        // The later gates' lookups went out with the quotas (issue #10): read-only, each once, dropped unreported.
        List<String> ops = aws.operations();
        assertEquals(1, ops.stream().filter("DescribeKeyPairs"::equals).count(), aws.summary());
        assertEquals(1, ops.stream().filter("ListBuckets"::equals).count(), aws.summary());
        assertEquals(List.of(), aws.mutatingOperations());
    }

    @Test
    void sequentialRunsSendNothingForGatesAfterAFailure() throws Exception {
        aws.quota("L-34B43A08", 100.0);
        Map<String, String> env = new java.util.HashMap<>(ws.env(aws.endpoint()));
        env.put("DAYLILY_SEQUENTIAL", "1");
        Workspace.Result r = preflight(env);
        assertEquals(1, r.exitCode(), r.stderr());
        List<String> ids = ids(Json.mapper().readTree(r.stdout()).get("report"));
        assertEquals("quota.internet_gateways", ids.get(ids.size() - 1));
        assertEquals("{GetCallerIdentity=1, GetServiceQuota=6, ListAttachedUserPolicies=1, ListPolicies=1}", aws.summary(),
                "identity, IAM and quotas only: nothing for the gates after the failed one");
        assertEquals(List.of(), aws.mutatingOperations());
    }

    @Test
    void missingToolIsExitFourBeforeAnyAwsCall() throws Exception {
        Files.delete(ws.bin.resolve("daylily-omics-references.sh"));
        Workspace.Result r = preflight(ws.env(aws.endpoint()));
        assertEquals(4, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("daylily-omics-references.sh' not found on PATH"), r.stderr());
        assertEquals(0, aws.requestCount(), aws.summary());
    }

    @Test
    void wrongRegionBucketFails() throws Exception {
        aws.buckets("s3/ListBuckets-east-only.xml");
        Workspace.Result r = preflight(ws.env(aws.endpoint()));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("No S3 buckets matching 'omics-analysis' found in region us-west-2"), r.stderr());
        assertEquals(List.of(), aws.mutatingOperations());
    }

    @Test
    void oneSubnetMissingFails() throws Exception {
        aws.query("DescribeSubnets", "ec2/DescribeSubnets-public-only.xml");
        Workspace.Result r = preflight(ws.env(aws.endpoint()));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("public but no private"), r.stderr());
    }

    @Test
    void missingPoliciesFailNonInteractively() throws Exception {
        aws.query("ListAttachedUserPolicies", "iam/ListAttachedUserPolicies-none.xml");
        Workspace.Result r = preflight(ws.env(aws.endpoint()));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("✗ iam.policy.global: Policy 'DaylilyGlobalEClusterPolicy' not attached to user 'alice'"),
                r.stderr());
        List<String> ids = ids(Json.mapper().readTree(r.stdout()).get("report"));
        assertFalse(ids.stream().anyMatch(id -> id.startsWith("quota.")), "no gate after IAM reported: " + ids);
        assertEquals(List.of(), aws.mutatingOperations());
    }

    @Test
    void verifierFailureIsAHardGate() throws Exception {
        ws.program("daylily-omics-references.sh", "echo 'missing s3_reference_data_version.info' >&2; exit 2");
        Workspace.Result r = preflight(ws.env(aws.endpoint()));
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("✗ s3.bucket_verify: Reference bundle verification failed for bucket"
                + " 'lab-omics-analysis-us-west-2' (exit 2: missing s3_reference_data_version.info)"), r.stderr());
    }

    @Test
    void bothSubnetsMissingPassesWithTheStackPlanned() throws Exception {
        aws.query("DescribeSubnets", "ec2/DescribeSubnets-empty.xml");
        Workspace.Result r = preflight(ws.env(aws.endpoint()));
        assertEquals(0, r.exitCode(), r.stderr());
        JsonNode report = Json.mapper().readTree(r.stdout()).get("report");
        JsonNode net = null;
        for (JsonNode c : report.get("checks")) {
            if (c.get("id").asText().equals("network.subnets")) {
                net = c;
            }
        }
        assertEquals("create_baseline_stack", net.get("details").get("action").asText());
        assertEquals("pcluster-vpc-stack-2b", net.get("details").get("stack_name").asText());
    }
}
