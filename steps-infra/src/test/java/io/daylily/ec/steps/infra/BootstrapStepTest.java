package io.daylily.ec.steps.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        new BootstrapStep().run(ctx(Pipelines.BOOTSTRAP_REGION), TestServices.builder(dir).aws(IamClient.class, iam).build());
        verify(iam).createPolicy(CreatePolicyRequest.builder().policyName("DaylilyRegionalEClusterPolicy-us-west-2").policyDocument(DOC).build());

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{not json");
        DaylilyException e = assertThrows(DaylilyException.class, () -> new BootstrapStep().run(
                ctx(Pipelines.BOOTSTRAP_ACCOUNT).with(ContextKeys.BOOTSTRAP_POLICY_FILE, bad.toString()),
                TestServices.builder(dir).aws(IamClient.class, SdkMocks.mock(IamClient.class)).build()));
        assertEquals(1, e.exitCode().code());
    }
}
