package io.daylily.ec.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.daylily.ec.app.sim.SimulatedAws;
import io.daylily.ec.app.sim.Workspace;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra bootstrap-account} / {@code bootstrap-region} through the real jar against a simulated IAM,
 * the way the legacy helpers are called: {@code --user} (and {@code --region}), no policy document.
 */
class BootstrapIT {
    static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";

    @TempDir
    Path dir;

    static ResponseDefinitionBuilder ok(String action, String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("<" + action + "Response xmlns=\"" + NS
                + "\"><" + action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>iam-sim</RequestId>"
                + "</ResponseMetadata></" + action + "Response>");
    }

    static ResponseDefinitionBuilder noSuchEntity(String message) {
        return aResponse().withStatus(404).withHeader("Content-Type", "text/xml").withBody("<ErrorResponse xmlns=\"" + NS
                + "\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>iam-sim</RequestId></ErrorResponse>");
    }

    /** An account with the user alice, no Daylily policy or group yet, and one ParallelCluster Lambda role. */
    static SimulatedAws freshAccount() {
        SimulatedAws aws = new SimulatedAws(0);
        aws.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(anyUrl())
                .withRequestBody(containing("Action=GetUser&")).withRequestBody(containing("UserName=alice"))
                .atPriority(0).willReturn(ok("GetUser", "<User><UserName>alice</UserName><UserId>AIDA1</UserId>"
                        + "<Arn>arn:aws:iam::123456789012:user/alice</Arn><Path>/</Path>"
                        + "<CreateDate>2026-01-01T00:00:00Z</CreateDate></User>")));
        aws.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(anyUrl())
                .withRequestBody(containing("Action=GetUser&")).atPriority(1)
                .willReturn(noSuchEntity("The user with name bob cannot be found.")));
        aws.respond("GetPolicy", noSuchEntity("Policy does not exist"));
        aws.respond("CreatePolicy", ok("CreatePolicy", "<Policy><PolicyName>p</PolicyName><DefaultVersionId>v1</DefaultVersionId></Policy>"));
        aws.respond("GetGroup", noSuchEntity("The group cannot be found."));
        aws.respond("CreateGroup", ok("CreateGroup", "<Group><GroupName>g</GroupName><GroupId>AGPA1</GroupId><Path>/</Path>"
                + "<Arn>arn:aws:iam::123456789012:group/g</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></Group>"));
        aws.respond("ListAttachedGroupPolicies", ok("ListAttachedGroupPolicies", "<AttachedPolicies/><IsTruncated>false</IsTruncated>"));
        aws.respond("AttachGroupPolicy", ok("AttachGroupPolicy", ""));
        aws.respond("AddUserToGroup", ok("AddUserToGroup", ""));
        aws.respond("ListRoles", ok("ListRoles", "<Roles>" + role("ParallelClusterLambdaRole-lab-1a2b") + role("daylily-other-role")
                + "</Roles><IsTruncated>false</IsTruncated>"));
        aws.respond("ListAttachedRolePolicies", ok("ListAttachedRolePolicies", "<AttachedPolicies/><IsTruncated>false</IsTruncated>"));
        aws.respond("AttachRolePolicy", ok("AttachRolePolicy", ""));
        return aws;
    }

    static String role(String name) {
        return "<member><RoleName>" + name + "</RoleName><RoleId>AROA" + name.length() + "</RoleId><Path>/</Path><Arn>"
                + "arn:aws:iam::123456789012:role/" + name + "</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></member>";
    }

    static String param(LoggedRequest r, String name) {
        for (String pair : r.getBodyAsString().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    List<LoggedRequest> sent(SimulatedAws aws, String action) {
        return aws.server().findAll(postRequestedFor(anyUrl()).withRequestBody(containing("Action=" + action + "&")));
    }

    @Test
    void bootstrapAccountWithOnlyTheUserCreatesTheShippedPolicyGroupAndMembership() throws Exception {
        try (SimulatedAws aws = freshAccount()) {
            Workspace ws = new Workspace(dir);
            Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "infra", "bootstrap-account", "--user", "alice");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(List.of("CreatePolicy", "CreateGroup", "AttachGroupPolicy", "AddUserToGroup"),
                    aws.operationsInOrder().stream().filter(SimulatedAws::mutates).toList());
            LoggedRequest create = sent(aws, "CreatePolicy").get(0);
            assertEquals("DaylilyGlobalEClusterPolicy", param(create, "PolicyName"));
            String doc = param(create, "PolicyDocument");
            assertTrue(doc.contains("arn:aws:iam::123456789012:role/*"), "the caller's account filled in: " + doc);
            assertFalse(doc.contains("${"), doc);
            assertEquals(17, io.daylily.ec.api.Json.mapper().readTree(doc).path("Statement").size());
            assertEquals("daylily-ephemeral-cluster", param(sent(aws, "CreateGroup").get(0), "GroupName"));
            assertEquals("arn:aws:iam::123456789012:policy/DaylilyGlobalEClusterPolicy",
                    param(sent(aws, "AttachGroupPolicy").get(0), "PolicyArn"));
            assertEquals("alice", param(sent(aws, "AddUserToGroup").get(0), "UserName"));
            assertTrue(sent(aws, "ListRoles").isEmpty(), "the account command touches no Lambda role");
        }
    }

    @Test
    void bootstrapRegionCreatesTheRegionalAndLambdaPoliciesAndAttachesTheLambdaOneToTheParallelClusterRole() throws Exception {
        try (SimulatedAws aws = freshAccount()) {
            Workspace ws = new Workspace(dir);
            Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "infra", "bootstrap-region", "--region", "us-east-2",
                    "--user", "alice", "--group", "omics-admins");
            assertEquals(0, r.exitCode(), r.stderr());
            List<String> names = sent(aws, "CreatePolicy").stream().map(x -> param(x, "PolicyName")).toList();
            assertEquals(List.of("DaylilyRegionalEClusterPolicy-us-east-2", "DaylilyPClusterLambdaAdjustRoles"), names);
            assertTrue(param(sent(aws, "CreatePolicy").get(0), "PolicyDocument").contains("arn:aws:sns:us-east-2:123456789012:*"));
            assertEquals("omics-admins", param(sent(aws, "CreateGroup").get(0), "GroupName"));
            assertEquals("omics-admins", param(sent(aws, "AddUserToGroup").get(0), "GroupName"));
            List<LoggedRequest> roles = sent(aws, "AttachRolePolicy");
            assertEquals(1, roles.size());
            assertEquals("ParallelClusterLambdaRole-lab-1a2b", param(roles.get(0), "RoleName"));
            assertEquals("arn:aws:iam::123456789012:policy/DaylilyPClusterLambdaAdjustRoles", param(roles.get(0), "PolicyArn"));
            assertTrue(r.stderr().contains("attached:ParallelClusterLambdaRole-lab-1a2b: created"), r.stderr());
        }
    }

    @Test
    void aUserThatDoesNotExistIsExitOneAndNothingIsChanged() throws Exception {
        try (SimulatedAws aws = freshAccount()) {
            Workspace ws = new Workspace(dir);
            Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "infra", "bootstrap-account", "--user", "bob");
            assertEquals(1, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("IAM user 'bob' does not exist in account 123456789012"), r.stderr());
            assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
            assertEquals(List.of(), aws.mutatingOperations());
        }
    }

    @Test
    void aNameThatIsNotAnIamNameIsExitOneBeforeAnyCall() throws Exception {
        try (SimulatedAws aws = freshAccount()) {
            Workspace ws = new Workspace(dir);
            Workspace.Result r = ws.run(Workspace.jar(), ws.env(aws.endpoint()), "infra", "bootstrap-account", "--user", "alice",
                    "--group", "bad group!");
            assertEquals(1, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("--group 'bad group!' is not an IAM name"), r.stderr());
            assertEquals(0, aws.requestCount());
        }
    }
}
