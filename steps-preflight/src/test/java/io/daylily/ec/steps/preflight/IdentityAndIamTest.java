package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserResponse;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class IdentityAndIamTest {
    static final String REGIONAL = "DaylilyRegionalEClusterPolicy-us-west-2";

    @TempDir
    Path dir;

    static AwsServiceException denied(String code) {
        return AwsServiceException.builder().message(code).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode(code).errorMessage("not allowed").build()).build();
    }

    static AttachedPolicy pol(String name) {
        return AttachedPolicy.builder().policyName(name).policyArn("arn:aws:iam::123456789012:policy/" + name).build();
    }

    private IamClient iam() {
        IamClient iam = SdkMocks.mock(IamClient.class);
        when(iam.listPolicies(any(ListPoliciesRequest.class))).thenReturn(ListPoliciesResponse.builder().policies(
                Policy.builder().policyName("pclusterTagsAndBudget").arn("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget").build())
                .isTruncated(false).build());
        when(iam.listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class)))
                .thenReturn(ListAttachedUserPoliciesResponse.builder().isTruncated(false).build());
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class)))
                .thenReturn(ListGroupsForUserResponse.builder().isTruncated(false).build());
        return iam;
    }

    @Test
    void identityRecordsAccountArnAndUser() {
        StsClient sts = mock(StsClient.class);
        when(sts.getCallerIdentity(any(GetCallerIdentityRequest.class))).thenReturn(GetCallerIdentityResponse.builder()
                .account("987654321098").arn("arn:aws:sts::987654321098:assumed-role/AdminRole/sess").build());
        TestServices s = TestServices.builder(dir).aws(StsClient.class, sts).build();
        RunContext out = new IdentityStep().run(Ctx.base(), s);
        assertEquals("987654321098", out.require(ContextKeys.ACCOUNT_ID));
        assertEquals("sess", out.require(ContextKeys.USER_NAME));
        assertEquals(CheckStatus.PASS, s.events().check("aws.identity").status());
        assertEquals("lab", s.aws().targets().get(0).profile());
        assertEquals("us-west-2", s.aws().targets().get(0).region());
    }

    @Test
    void invalidCredentialsFailNamingProfileAndRegion() {
        StsClient sts = mock(StsClient.class);
        when(sts.getCallerIdentity(any(GetCallerIdentityRequest.class))).thenThrow(denied("InvalidClientTokenId"));
        TestServices s = TestServices.builder(dir).aws(StsClient.class, sts).build();
        RunContext in89 = Ctx.base();
        org.junit.jupiter.api.Assertions.assertSame(in89, new IdentityStep().run(in89, s), "the context goes on unchanged");
        var c = s.events().check("aws.identity");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("profile lab") && c.remediation().contains("us-west-2")
                && c.remediation().contains("InvalidClientTokenId"), c.remediation());
    }

    @Test
    void policyAttachedToUserIsGranted() {
        IamClient iam = iam();
        when(iam.listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class))).thenReturn(
                ListAttachedUserPoliciesResponse.builder().attachedPolicies(pol("DaylilyGlobalEClusterPolicy"), pol(REGIONAL))
                        .isTruncated(false).build());
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        RunContext out = new IamStep().run(Ctx.user("arn:aws:iam::123456789012:user/alice"), s);
        assertEquals(CheckStatus.PASS, s.events().check("iam.policy.global").status());
        assertEquals(CheckStatus.PASS, s.events().check("iam.policy.regional").status());
        assertEquals(List.of("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget"),
                out.require(ContextKeys.IAM_POLICIES).tagsAndBudgetArns());
        assertEquals("will_create", s.events().check("iam.pcluster_omics_policy").details().get("action"));
    }

    @Test
    void policyOnSecondGroupIsGrantedAndUserErrorFallsThrough() {
        IamClient iam = iam();
        when(iam.listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class))).thenThrow(denied("AccessDenied"));
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class))).thenReturn(ListGroupsForUserResponse.builder()
                .groups(Group.builder().groupName("g1").build(), Group.builder().groupName("g2").build()).isTruncated(false).build());
        when(iam.listAttachedGroupPolicies(any(ListAttachedGroupPoliciesRequest.class))).thenAnswer(inv -> {
            ListAttachedGroupPoliciesRequest r = inv.getArgument(0);
            return r.groupName().equals("g2")
                    ? ListAttachedGroupPoliciesResponse.builder().attachedPolicies(pol("DaylilyGlobalEClusterPolicy"), pol(REGIONAL)).isTruncated(false).build()
                    : ListAttachedGroupPoliciesResponse.builder().isTruncated(false).build();
        });
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new IamStep().run(Ctx.user("arn:aws:iam::123456789012:user/alice"), s);
        assertEquals(CheckStatus.PASS, s.events().check("iam.policy.global").status());
        assertEquals(CheckStatus.PASS, s.events().check("iam.policy.regional").status());
    }

    @Test
    void aGroupListingThatFailsIsUnknownNeverNotAttached() {
        IamClient iam = iam();
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class))).thenReturn(ListGroupsForUserResponse.builder()
                .groups(Group.builder().groupName("g1").build()).isTruncated(false).build());
        when(iam.listAttachedGroupPolicies(any(ListAttachedGroupPoliciesRequest.class))).thenThrow(denied("AccessDenied"));
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new IamStep().run(Ctx.user("arn:aws:iam::123456789012:user/alice"), s);
        var g = s.events().check("iam.policy.global");
        assertEquals(CheckStatus.FAIL, g.status());
        assertEquals("access_denied", g.details().get(io.daylily.ec.support.AwsErrors.DETAIL), "an AWS failure: exit 2, not 1");
        assertTrue(g.remediation().startsWith("cannot tell whether policy 'DaylilyGlobalEClusterPolicy' is attached to user 'alice'"),
                g.remediation());
        assertTrue(g.remediation().contains("was denied"), g.remediation());
        assertTrue(!g.remediation().contains("not attached") && !g.remediation().contains("bootstrap"), g.remediation());
        assertEquals(CheckStatus.FAIL, s.events().check("iam.policy.regional").status());
    }

    @Test
    void whenEveryListingIsReadAMissingPolicyIsNotAttached() {
        IamClient iam = iam();
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class))).thenReturn(ListGroupsForUserResponse.builder()
                .groups(Group.builder().groupName("g1").build()).isTruncated(false).build());
        when(iam.listAttachedGroupPolicies(any(ListAttachedGroupPoliciesRequest.class)))
                .thenReturn(ListAttachedGroupPoliciesResponse.builder().isTruncated(false).build());
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new IamStep().run(Ctx.user("arn:aws:iam::123456789012:user/alice"), s);
        var g = s.events().check("iam.policy.global");
        assertEquals(CheckStatus.FAIL, g.status());
        assertTrue(!g.details().containsKey(io.daylily.ec.support.AwsErrors.DETAIL), "a validation failure: exit 1");
        assertTrue(!g.awsFailure(), "a validation failure: exit 1");
        assertTrue(g.remediation().contains("daylily_ephemeral_cluster_bootstrap_global.sh --profile <admin_profile> --user alice"));
        assertTrue(s.events().check("iam.policy.regional").remediation().contains("--region us-west-2"));
    }

    /** Interactive: the step asks nothing itself; each missing policy's WARN carries the one question for the runtime's gate. */
    @Test
    void interactiveRunsGetTheQuestionOnTheWarnings() {
        ScriptedPrompter p = ScriptedPrompter.answering();
        TestServices t = TestServices.builder(dir).aws(IamClient.class, iam()).prompter(p).build();
        new IamStep().run(Ctx.user("arn:aws:iam::123456789012:user/alice"), t);
        assertEquals(List.of(), p.questions(), "no question from the step itself");
        CheckResult g = t.events().check("iam.policy.global");
        assertEquals(CheckStatus.WARN, g.status());
        io.daylily.ec.api.event.Question q = g.question().orElseThrow();
        assertEquals("iam.policies", q.key());
        assertEquals(List.of("Proceed anyway", "Exit"), q.choices());
        assertEquals(1, q.defaultIndex(), "Exit is the default");
        assertTrue(q.proceeds("Proceed anyway"));
        assertTrue(!q.proceeds("Exit"));
        assertTrue(q.text().startsWith("Missing Daylily policies: "), q.text());
        assertTrue(q.stopMessage().startsWith("stopped: Daylily policies missing ("), q.stopMessage());
        assertEquals(q, t.events().check("iam.policy.regional").question().orElseThrow(), "one question for all of them");
    }

    @Test
    void assumedRoleIsCheckedThroughTheRole() {
        IamClient iam = iam();
        when(iam.listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class))).thenAnswer(inv -> {
            ListAttachedRolePoliciesRequest r = inv.getArgument(0);
            assertEquals("AdminRole", r.roleName());
            return ListAttachedRolePoliciesResponse.builder().attachedPolicies(pol("DaylilyGlobalEClusterPolicy"), pol(REGIONAL))
                    .isTruncated(false).build();
        });
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        new IamStep().run(Ctx.user("arn:aws:sts::123456789012:assumed-role/AdminRole/sess"), s);
        assertEquals(CheckStatus.PASS, s.events().check("iam.policy.global").status());
        verify(iam, never()).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));
    }

    @Test
    void rootWarnsWithoutCheckingAttachments() {
        IamClient iam = iam();
        when(iam.listPolicies(any(ListPoliciesRequest.class))).thenReturn(ListPoliciesResponse.builder().policies(
                Policy.builder().policyName("pcluster-omics-analysis").arn("arn:aws:iam::1:policy/pcluster-omics-analysis").build())
                .isTruncated(false).build());
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        RunContext out = new IamStep().run(Ctx.user("arn:aws:iam::123456789012:root"), s);
        assertEquals(CheckStatus.WARN, s.events().check("iam.policy.global").status());
        assertTrue(s.events().check("iam.policy.regional").remediation().contains("root credentials"));
        verify(iam, never()).listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class));
        assertEquals("already_exists", s.events().check("iam.pcluster_omics_policy").details().get("action"));
        assertEquals(new IamPolicies(List.of(), "arn:aws:iam::1:policy/pcluster-omics-analysis"), out.require(ContextKeys.IAM_POLICIES));
    }

    @Test
    void paginatedPoliciesAreAllRead() {
        IamClient iam = iam();
        when(iam.listPolicies(any(ListPoliciesRequest.class))).thenAnswer(inv -> {
            ListPoliciesRequest r = inv.getArgument(0);
            if (r.marker() == null) {
                return ListPoliciesResponse.builder().policies(Policy.builder().policyName("pclusterTagsAndBudget")
                        .arn("arn:1").build()).isTruncated(true).marker("m2").build();
            }
            return ListPoliciesResponse.builder().policies(Policy.builder().policyName("pclusterTagsAndBudget")
                    .arn("arn:2").build()).isTruncated(false).build();
        });
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).prompter(ScriptedPrompter.answering("1")).build();
        RunContext out = new IamStep().run(Ctx.user("arn:aws:iam::123456789012:user/alice"), s);
        assertEquals(List.of("arn:1", "arn:2"), out.require(ContextKeys.IAM_POLICIES).tagsAndBudgetArns());
    }

    @Test
    void everyPageOfEveryListingIsRead() {
        IamClient iam = iam();
        // direct: the global policy on the second page; groups: g2 on the second page, its regional policy on its second page
        when(iam.listAttachedUserPolicies(any(ListAttachedUserPoliciesRequest.class))).thenAnswer(inv -> {
            ListAttachedUserPoliciesRequest r = inv.getArgument(0);
            return r.marker() == null
                    ? ListAttachedUserPoliciesResponse.builder().attachedPolicies(pol("Other")).isTruncated(true).marker("u2").build()
                    : ListAttachedUserPoliciesResponse.builder().attachedPolicies(pol("DaylilyGlobalEClusterPolicy")).isTruncated(false).build();
        });
        when(iam.listGroupsForUser(any(ListGroupsForUserRequest.class))).thenAnswer(inv -> {
            ListGroupsForUserRequest r = inv.getArgument(0);
            return r.marker() == null
                    ? ListGroupsForUserResponse.builder().groups(Group.builder().groupName("g1").build()).isTruncated(true).marker("g2").build()
                    : ListGroupsForUserResponse.builder().groups(Group.builder().groupName("g2").build()).isTruncated(false).build();
        });
        when(iam.listAttachedGroupPolicies(any(ListAttachedGroupPoliciesRequest.class))).thenAnswer(inv -> {
            ListAttachedGroupPoliciesRequest r = inv.getArgument(0);
            if (r.groupName().equals("g1")) {
                return ListAttachedGroupPoliciesResponse.builder().isTruncated(false).build();
            }
            return r.marker() == null
                    ? ListAttachedGroupPoliciesResponse.builder().attachedPolicies(pol("Noise")).isTruncated(true).marker("p2").build()
                    : ListAttachedGroupPoliciesResponse.builder().attachedPolicies(pol(REGIONAL)).isTruncated(false).build();
        });
        TestServices s = TestServices.builder(dir).aws(IamClient.class, iam).build();
        assertEquals(java.util.Set.of("Other", "DaylilyGlobalEClusterPolicy", "Noise", REGIONAL),
                IamStep.attachedPolicyNames(iam, "arn:aws:iam::123456789012:user/alice", "alice", s));
        // a page that says it is not truncated ends the listing even with a marker
        IamClient once = iam();
        when(once.listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class))).thenReturn(ListAttachedRolePoliciesResponse.builder()
                .attachedPolicies(pol("R1")).isTruncated(false).marker("ignored").build());
        assertEquals(java.util.Set.of("R1"), IamStep.attachedPolicyNames(once,
                "arn:aws:sts::123456789012:assumed-role/AdminRole/sess", "sess", s));
        verify(once, org.mockito.Mockito.times(1)).listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class));
        // and every page of a role's policies
        IamClient role = iam();
        when(role.listAttachedRolePolicies(any(ListAttachedRolePoliciesRequest.class))).thenAnswer(inv -> {
            ListAttachedRolePoliciesRequest r = inv.getArgument(0);
            assertEquals("AdminRole", r.roleName());
            return r.marker() == null
                    ? ListAttachedRolePoliciesResponse.builder().attachedPolicies(pol("R1")).isTruncated(true).marker("r2").build()
                    : ListAttachedRolePoliciesResponse.builder().attachedPolicies(pol("R2")).isTruncated(false).build();
        });
        assertEquals(java.util.Set.of("R1", "R2"), IamStep.attachedPolicyNames(role,
                "arn:aws:sts::123456789012:assumed-role/AdminRole/sess", "sess", s));
    }
}
