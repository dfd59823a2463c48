package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.AttachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetGroupRequest;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

class BootstrapStepTest {
    static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"*\"}]}";
    static final String ARN = "arn:aws:iam::123456789012:policy/DaylilyGlobalEClusterPolicy";

    @TempDir
    Path dir;

    private RunContext ctx(String pipeline) throws Exception {
        Path doc = dir.resolve("global.json");
        Files.writeString(doc, DOC);
        return RunContext.empty("1").with(ContextKeys.PIPELINE, pipeline).with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.ACCOUNT_ID, "123456789012").with(ContextKeys.BOOTSTRAP_USER, "alice")
                .with(ContextKeys.BOOTSTRAP_POLICY_FILE, doc.toString());
    }

    @Test
    void freshAccountGetsEverythingCreated() throws Exception {
        IamClient iam = SdkMocks.mock(IamClient.class);
        when(iam.getPolicy(any(GetPolicyRequest.class))).thenThrow(NoSuchEntityException.builder().message("no").build());
        when(iam.getGroup(any(GetGroupRequest.class))).thenThrow(NoSuchEntityException.builder().message("no").build());
        when(iam.listAttachedGroupPolicies(any(ListAttachedGroupPoliciesRequest.class))).thenReturn(ListAttachedGroupPoliciesResponse.builder().build());
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class))).thenReturn(ListGroupsForUserResponse.builder().build());
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new BootstrapStep().run(ctx(Pipelines.BOOTSTRAP_ACCOUNT), s);
        verify(iam).createPolicy(CreatePolicyRequest.builder().policyName("DaylilyGlobalEClusterPolicy").policyDocument(DOC).build());
        verify(iam).createGroup(CreateGroupRequest.builder().groupName("daylily-ephemeral-cluster").build());
        verify(iam).attachGroupPolicy(AttachGroupPolicyRequest.builder().groupName("daylily-ephemeral-cluster").policyArn(ARN).build());
        verify(iam).addUserToGroup(AddUserToGroupRequest.builder().groupName("daylily-ephemeral-cluster").userName("alice").build());
        assertEquals("created", s.events().check("infra.bootstrap").details().get("member:alice"));
    }

    private IamClient existing(String currentDoc, int versions) {
        IamClient iam = SdkMocks.mock(IamClient.class);
        when(iam.getPolicy(any(GetPolicyRequest.class))).thenReturn(GetPolicyResponse.builder()
                .policy(Policy.builder().arn(ARN).defaultVersionId("v1").build()).build());
        when(iam.getPolicyVersion(any(GetPolicyVersionRequest.class))).thenReturn(GetPolicyVersionResponse.builder()
                .policyVersion(PolicyVersion.builder().document(java.net.URLEncoder.encode(currentDoc, java.nio.charset.StandardCharsets.UTF_8))
                        .build()).build());
        List<PolicyVersion> vs = new ArrayList<>();
        for (int i = 1; i <= versions; i++) {
            vs.add(PolicyVersion.builder().versionId("v" + i).isDefaultVersion(i == versions).createDate(Instant.ofEpochSecond(i)).build());
        }
        when(iam.listPolicyVersions(any(ListPolicyVersionsRequest.class))).thenReturn(ListPolicyVersionsResponse.builder().versions(vs).build());
        when(iam.getGroup(any(GetGroupRequest.class))).thenReturn(GetGroupResponse.builder().build());
        when(iam.listAttachedGroupPolicies(any(ListAttachedGroupPoliciesRequest.class))).thenReturn(ListAttachedGroupPoliciesResponse.builder()
                .attachedPolicies(AttachedPolicy.builder().policyArn(ARN).build()).build());
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class))).thenReturn(ListGroupsForUserResponse.builder()
                .groups(Group.builder().groupName("daylily-ephemeral-cluster").build()).build());
        return iam;
    }

    @Test
    void secondRunChangesNothing() throws Exception {
        IamClient iam = existing(DOC.replace(",", ", "), 1);
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new BootstrapStep().run(ctx(Pipelines.BOOTSTRAP_ACCOUNT), s);
        verify(iam, never()).createPolicy(any(CreatePolicyRequest.class));
        verify(iam, never()).createPolicyVersion(any(CreatePolicyVersionRequest.class));
        verify(iam, never()).createGroup(any(CreateGroupRequest.class));
        verify(iam, never()).attachGroupPolicy(any(AttachGroupPolicyRequest.class));
        verify(iam, never()).addUserToGroup(any(AddUserToGroupRequest.class));
        assertEquals("already_in_place", s.events().check("infra.bootstrap").details().get("policy:DaylilyGlobalEClusterPolicy"));
    }

    @Test
    void changedDocumentBecomesTheDefaultVersionMakingRoomWhenFull() throws Exception {
        IamClient iam = existing("{\"Version\":\"2012-10-17\",\"Statement\":[]}", 5);
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new BootstrapStep().run(ctx(Pipelines.BOOTSTRAP_ACCOUNT), s);
        verify(iam).deletePolicyVersion(DeletePolicyVersionRequest.builder().policyArn(ARN).versionId("v1").build());
        verify(iam).createPolicyVersion(CreatePolicyVersionRequest.builder().policyArn(ARN).policyDocument(DOC).setAsDefault(true).build());
        assertEquals("updated", s.events().check("infra.bootstrap").details().get("policy:DaylilyGlobalEClusterPolicy"));
    }

    @Test
    void regionalUsesTheRegionalNameAndABadDocumentIsExitOne() throws Exception {
        IamClient iam = SdkMocks.mock(IamClient.class);
        when(iam.getPolicy(any(GetPolicyRequest.class))).thenThrow(NoSuchEntityException.builder().message("no").build());
        when(iam.getGroup(any(GetGroupRequest.class))).thenReturn(GetGroupResponse.builder().build());
        when(iam.listAttachedGroupPolicies(any(ListAttachedGroupPoliciesRequest.class))).thenReturn(ListAttachedGroupPoliciesResponse.builder().build());
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class))).thenReturn(ListGroupsForUserResponse.builder().build());
        when(iam.listRoles(any(software.amazon.awssdk.services.iam.model.ListRolesRequest.class)))
                .thenReturn(software.amazon.awssdk.services.iam.model.ListRolesResponse.builder().build());
        new BootstrapStep().run(ctx(Pipelines.BOOTSTRAP_REGION), TestServices.builder(dir).aws(IamClient.class, iam).build());
        verify(iam).createPolicy(CreatePolicyRequest.builder().policyName("DaylilyRegionalEClusterPolicy-us-west-2").policyDocument(DOC).build());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{not json");
        DaylilyException e = assertThrows(DaylilyException.class, () -> new BootstrapStep().run(
                ctx(Pipelines.BOOTSTRAP_ACCOUNT).with(ContextKeys.BOOTSTRAP_POLICY_FILE, bad.toString()),
                TestServices.builder(dir).aws(IamClient.class, SdkMocks.mock(IamClient.class)).build()));
        assertEquals(1, e.exitCode().code());
    }

    private IamClient freshAccount() {
        IamClient iam = SdkMocks.mock(IamClient.class);
        when(iam.getPolicy(any(GetPolicyRequest.class))).thenThrow(NoSuchEntityException.builder().message("no").build());
        when(iam.getGroup(any(GetGroupRequest.class))).thenThrow(NoSuchEntityException.builder().message("no").build());
        when(iam.listAttachedGroupPolicies(any(ListAttachedGroupPoliciesRequest.class))).thenReturn(ListAttachedGroupPoliciesResponse.builder().build());
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class))).thenReturn(ListGroupsForUserResponse.builder().build());
        when(iam.listRoles(any(software.amazon.awssdk.services.iam.model.ListRolesRequest.class)))
                .thenReturn(software.amazon.awssdk.services.iam.model.ListRolesResponse.builder().build());
        return iam;
    }

    private RunContext shippedCtx(String pipeline) {
        return RunContext.empty("1").with(ContextKeys.PIPELINE, pipeline).with(ContextKeys.REGION, "eu-central-1")
                .with(ContextKeys.ACCOUNT_ID, "210987654321").with(ContextKeys.BOOTSTRAP_USER, "alice");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return io.daylily.ec.api.Json.mapper().readTree(text);
    }

    private static List<String> actions(com.fasterxml.jackson.databind.JsonNode statement) {
        List<String> out = new ArrayList<>();
        statement.path("Action").forEach(a -> out.add(a.asText()));
        return out;
    }

    /** PARITY §30: the global document, statement by statement, the caller's account filled in. */
    @Test
    void theShippedGlobalDocumentHasEveryStatementOfTheLegacyHelper() throws Exception {
        String text = BootstrapStep.shipped(BootstrapStep.GLOBAL, "210987654321", "eu-central-1");
        assertFalse(text.contains("${"), "every placeholder filled");
        var st = json(text).path("Statement");
        assertEquals("2012-10-17", json(text).path("Version").asText());
        assertEquals(17, st.size());
        st.forEach(x -> assertEquals("Allow", x.path("Effect").asText()));
        List<String> two = List.of("iam:List*", "iam:Get*", "iam:SimulatePrincipalPolicy", "iam:Create*", "iam:DeleteInstanceProfile",
                "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
                "iam:TagRole", "iam:PutRolePolicy", "iam:DeleteRole*");
        assertEquals(List.of("ec2:*", "autoscaling:*", "elasticloadbalancing:*", "elasticfilesystem:*", "scheduler:*", "route53:*",
                "apigateway:*", "secretsmanager:*", "ecr:*"), actions(st.get(0)));
        assertEquals(two, actions(st.get(1)));
        assertEquals("arn:aws:iam::210987654321:role/*", st.get(2).path("Resource").asText());
        assertEquals(List.of("iam:PassRole"), actions(st.get(2)));
        assertEquals("scheduler.amazonaws.com", st.get(3).path("Condition").path("StringEquals").path("iam:PassedToService").asText());
        assertEquals("*", st.get(3).path("Resource").asText());
        assertEquals(List.of("cognito-idp:*", "servicequotas:GetServiceQuota", "ssm:*"), actions(st.get(4)));
        assertEquals(6, st.get(5).path("Condition").path("StringLike").path("iam:AWSServiceName").size());
        assertTrue(st.get(5).path("Condition").toString().contains("s3.data-source.lustre.fsx.amazonaws.com"));
        assertEquals("arn:aws:iam::*:role/aws-service-role/*", st.get(6).path("Resource").asText());
        List<String> eight = new ArrayList<>(two);
        eight.addAll(List.of("iam:UntagRole", "lambda:*"));
        assertEquals(eight, actions(st.get(7)));
        assertEquals(List.of("cloudformation:*"), actions(st.get(8)));
        assertEquals(List.of("fsx:*"), actions(st.get(9)));
        assertEquals("arn:aws:dynamodb:*:210987654321:table/parallelcluster-*", st.get(10).path("Resource").asText());
        assertEquals(List.of("s3:*", "s3:ListAllMyBuckets"), actions(st.get(11)));
        assertEquals(List.of("budgets:*"), actions(st.get(12)));
        assertEquals(List.of("cloudwatch:*", "logs:*"), actions(st.get(13)));
        assertEquals(List.of("imagebuilder:*"), actions(st.get(14)));
        assertEquals("arn:aws:sns:*:210987654321:ParallelClusterImage-*", st.get(15).path("Resource").asText());
        assertEquals(List.of("tag:*"), actions(st.get(16)));
        assertTrue(text.replaceAll("\\s", "").length() <= 6144, "within IAM's managed-policy size");
    }

    @Test
    void theShippedRegionalAndLambdaDocuments() throws Exception {
        var regional = json(BootstrapStep.shipped(BootstrapStep.REGIONAL, "210987654321", "eu-central-1")).path("Statement");
        assertEquals(1, regional.size());
        assertEquals(List.of("sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:Unsubscribe", "sns:Publish",
                "sns:DeleteTopic"), actions(regional.get(0)));
        assertEquals("arn:aws:sns:eu-central-1:210987654321:*", regional.get(0).path("Resource").asText());
        var lambda = json(BootstrapStep.shipped(BootstrapStep.LAMBDA, "210987654321", "eu-central-1")).path("Statement");
        assertEquals(1, lambda.size());
        assertEquals(List.of("iam:AttachRolePolicy", "iam:DetachRolePolicy"), actions(lambda.get(0)));
        assertEquals("*", lambda.get(0).path("Resource").asText());
    }

    @Test
    void withoutADocumentTheShippedOneIsCreatedAndAttachedToTheNamedGroup() {
        IamClient iam = freshAccount();
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new BootstrapStep().run(shippedCtx(Pipelines.BOOTSTRAP_ACCOUNT).with(ContextKeys.BOOTSTRAP_GROUP, "genomics-admins"), s);
        verify(iam).createPolicy(CreatePolicyRequest.builder().policyName("DaylilyGlobalEClusterPolicy")
                .policyDocument(BootstrapStep.shipped(BootstrapStep.GLOBAL, "210987654321", "eu-central-1")).build());
        verify(iam).createGroup(CreateGroupRequest.builder().groupName("genomics-admins").build());
        verify(iam).attachGroupPolicy(AttachGroupPolicyRequest.builder().groupName("genomics-admins")
                .policyArn("arn:aws:iam::210987654321:policy/DaylilyGlobalEClusterPolicy").build());
        verify(iam).addUserToGroup(AddUserToGroupRequest.builder().groupName("genomics-admins").userName("alice").build());
        verify(iam, never()).listRoles(any(software.amazon.awssdk.services.iam.model.ListRolesRequest.class));
    }

    @Test
    void aMissingUserIsExitOneBeforeAnythingChanges() {
        IamClient iam = freshAccount();
        when(iam.getUser(any(software.amazon.awssdk.services.iam.model.GetUserRequest.class)))
                .thenThrow(NoSuchEntityException.builder().message("The user with name bob cannot be found.").build());
        DaylilyException e = assertThrows(DaylilyException.class, () -> new BootstrapStep().run(
                shippedCtx(Pipelines.BOOTSTRAP_REGION).with(ContextKeys.BOOTSTRAP_USER, "bob"),
                TestServices.builder(dir).aws(IamClient.class, iam).build()));
        assertEquals(1, e.exitCode().code());
        assertTrue(e.getMessage().contains("IAM user 'bob' does not exist in account 210987654321"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
        verify(iam, never()).createPolicy(any(CreatePolicyRequest.class));
        verify(iam, never()).createGroup(any(CreateGroupRequest.class));
        verify(iam, never()).getPolicy(any(GetPolicyRequest.class));
    }

    @Test
    void regionalAttachesTheLambdaPolicyToEveryParallelClusterLambdaRoleThatLacksIt() {
        IamClient iam = freshAccount();
        String lambdaArn = "arn:aws:iam::210987654321:policy/DaylilyPClusterLambdaAdjustRoles";
        when(iam.listRoles(any(software.amazon.awssdk.services.iam.model.ListRolesRequest.class))).thenReturn(
                software.amazon.awssdk.services.iam.model.ListRolesResponse.builder().roles(
                        software.amazon.awssdk.services.iam.model.Role.builder().roleName("ParallelClusterLambdaRole-a1").build(),
                        software.amazon.awssdk.services.iam.model.Role.builder().roleName("ParallelClusterLambdaRole-b2").build(),
                        software.amazon.awssdk.services.iam.model.Role.builder().roleName("OtherParallelClusterLambdaRole-c3").build())
                        .build());
        when(iam.listAttachedRolePolicies(any(software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest.class)))
                .thenAnswer(inv -> {
                    var r = (software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest) inv.getArgument(0);
                    return software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse.builder().attachedPolicies(
                            r.roleName().endsWith("b2") ? List.of(AttachedPolicy.builder().policyArn(lambdaArn).build()) : List.of()).build();
                });
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new BootstrapStep().run(shippedCtx(Pipelines.BOOTSTRAP_REGION), s);
        verify(iam).createPolicy(CreatePolicyRequest.builder().policyName("DaylilyRegionalEClusterPolicy-eu-central-1")
                .policyDocument(BootstrapStep.shipped(BootstrapStep.REGIONAL, "210987654321", "eu-central-1")).build());
        verify(iam).createPolicy(CreatePolicyRequest.builder().policyName("DaylilyPClusterLambdaAdjustRoles")
                .policyDocument(BootstrapStep.shipped(BootstrapStep.LAMBDA, "210987654321", "eu-central-1")).build());
        verify(iam).attachRolePolicy(software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest.builder()
                .roleName("ParallelClusterLambdaRole-a1").policyArn(lambdaArn).build());
        verify(iam, org.mockito.Mockito.times(1)).attachRolePolicy(any(software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest.class));
        verify(iam, org.mockito.Mockito.times(1)).attachGroupPolicy(any(AttachGroupPolicyRequest.class));
        var d = s.events().check("infra.bootstrap").details();
        assertEquals("created", d.get("attached:ParallelClusterLambdaRole-a1"));
        assertEquals("already_in_place", d.get("attached:ParallelClusterLambdaRole-b2"));
        assertFalse(d.containsKey("attached:OtherParallelClusterLambdaRole-c3"));
    }

    @Test
    void aDeniedWriteSaysWhatWasAlreadyDone() {
        IamClient iam = freshAccount();
        when(iam.attachGroupPolicy(any(AttachGroupPolicyRequest.class))).thenThrow(software.amazon.awssdk.services.iam.model.IamException
                .builder().message("denied").awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDenied").errorMessage("not authorized to iam:AttachGroupPolicy").build()).build());
        io.daylily.ec.api.AwsOperationException e = assertThrows(io.daylily.ec.api.AwsOperationException.class,
                () -> new BootstrapStep().run(shippedCtx(Pipelines.BOOTSTRAP_ACCOUNT), TestServices.builder(dir).aws(IamClient.class, iam).build()));
        assertTrue(e.getMessage().contains("done before it: policy:DaylilyGlobalEClusterPolicy created, group:daylily-ephemeral-cluster created"
                + " — run it again to finish"), e.getMessage());
        when(iam.getPolicy(any(GetPolicyRequest.class))).thenThrow(software.amazon.awssdk.services.iam.model.IamException.builder()
                .message("denied").awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDenied").errorMessage("not authorized to iam:GetPolicy").build()).build());
        io.daylily.ec.api.AwsOperationException first = assertThrows(io.daylily.ec.api.AwsOperationException.class,
                () -> new BootstrapStep().run(shippedCtx(Pipelines.BOOTSTRAP_ACCOUNT), TestServices.builder(dir).aws(IamClient.class, iam).build()));
        assertTrue(first.getMessage().endsWith("; nothing was changed"), first.getMessage());
    }

    @Test
    void regionalWithNoLambdaRoleYetSaysToRunAgain() {
        IamClient iam = freshAccount();
        io.daylily.ec.api.testing.ScriptedPrompter ui = io.daylily.ec.api.testing.ScriptedPrompter.answering();
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).prompter(ui).build();
        new BootstrapStep().run(shippedCtx(Pipelines.BOOTSTRAP_REGION), s);
        assertEquals("none yet", s.events().check("infra.bootstrap").details().get("lambda_roles"));
        assertTrue(ui.said().stream().anyMatch(l -> l.contains("run bootstrap-region again after the first cluster")), ui.said().toString());
        verify(iam, never()).attachRolePolicy(any(software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest.class));
    }
}
