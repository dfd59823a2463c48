package io.daylily.ec.steps.infra;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.Json;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.AwsErrors;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.AttachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetGroupRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * {@code infra bootstrap-account} / {@code infra bootstrap-region} (the admin one-time setup, PARITY §5.1):
 * create or update the Daylily managed policy from the given document, create the group
 * {@code daylily-ephemeral-cluster}, attach the policy to it, add the user. The policy documents are
 * the administrator's input ({@code --policy-document FILE}); nothing here invents permissions.
 * Idempotent: each item is reported as created, updated or already in place.
 */
public final class BootstrapStep implements Step {
    static final String GROUP = "daylily-ephemeral-cluster";
    static final String GLOBAL = "DaylilyGlobalEClusterPolicy";
    static final String REGIONAL_PREFIX = "DaylilyRegionalEClusterPolicy-";
    static final String LAMBDA = "DaylilyPClusterLambdaAdjustRoles";

    @Override
    public String id() {
        return "infra.bootstrap";
    }

    @Override
    public int order() {
        return Order.INFRA + 50;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.BOOTSTRAP_ACCOUNT, Pipelines.BOOTSTRAP_REGION);
    }

    @Override
    public String description() {
        return "admin setup: Daylily policy, group daylily-ephemeral-cluster, user membership";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        IamClient iam = s.aws().get(IamClient.class, ctx);
        String account = ctx.require(ContextKeys.ACCOUNT_ID);
        String user = ctx.require(ContextKeys.BOOTSTRAP_USER);
        boolean regional = Pipelines.BOOTSTRAP_REGION.equals(ctx.require(ContextKeys.PIPELINE));
        Map<String, String> policies = new LinkedHashMap<>();
        policies.put(regional ? REGIONAL_PREFIX + ctx.require(ContextKeys.REGION) : GLOBAL,
                document(ctx.require(ContextKeys.BOOTSTRAP_POLICY_FILE)));
        if (regional && ctx.get(ContextKeys.BOOTSTRAP_LAMBDA_POLICY_FILE).isPresent()) {
            policies.put(LAMBDA, document(ctx.require(ContextKeys.BOOTSTRAP_LAMBDA_POLICY_FILE)));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        try {
            List<String> arns = new ArrayList<>();
            for (Map.Entry<String, String> p : policies.entrySet()) {
                String arn = "arn:aws:iam::" + account + ":policy/" + p.getKey();
                d.put("policy:" + p.getKey(), ensurePolicy(iam, arn, p.getKey(), p.getValue()));
                arns.add(arn);
            }
            d.put("group:" + GROUP, ensureGroup(iam));
            List<String> attached = new ArrayList<>();
            iam.listAttachedGroupPolicies(ListAttachedGroupPoliciesRequest.builder().groupName(GROUP).build())
                    .attachedPolicies().forEach(a -> attached.add(a.policyArn()));
            for (String arn : arns) {
                if (attached.contains(arn)) {
                    d.put("attached:" + arn, "already_in_place");
                } else {
                    iam.attachGroupPolicy(AttachGroupPolicyRequest.builder().groupName(GROUP).policyArn(arn).build());
                    d.put("attached:" + arn, "created");
                }
            }
            boolean member = iam.listGroupsForUser(ListGroupsForUserRequest.builder().userName(user).build()).groups()
                    .stream().anyMatch(g -> GROUP.equals(g.groupName()));
            if (member) {
                d.put("member:" + user, "already_in_place");
            } else {
                iam.addUserToGroup(AddUserToGroupRequest.builder().groupName(GROUP).userName(user).build());
                d.put("member:" + user, "created");
            }
        } catch (AwsServiceException e) {
            throw new AwsOperationException("IAM bootstrap failed: " + AwsErrors.text(e)
                    + " (run it with an administrator profile)", e);
        }
        d.forEach((k, v) -> s.prompter().say("  " + k + ": " + v));
        s.events().check(CheckResult.pass(id(), d));
        return ctx;
    }

    static String document(String file) {
        try {
            String text = Files.readString(Path.of(file));
            Json.mapper().readTree(text);
            return text;
        } catch (IOException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "policy document " + file + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    /** created | updated | already_in_place; an update makes the new version the default (the oldest spare version makes room). */
    static String ensurePolicy(IamClient iam, String arn, String name, String document) {
        Policy p;
        try {
            p = iam.getPolicy(GetPolicyRequest.builder().policyArn(arn).build()).policy();
        } catch (NoSuchEntityException e) {
            iam.createPolicy(CreatePolicyRequest.builder().policyName(name).policyDocument(document).build());
            return "created";
        }
        String current = URLDecoder.decode(iam.getPolicyVersion(GetPolicyVersionRequest.builder().policyArn(arn)
                .versionId(p.defaultVersionId()).build()).policyVersion().document(), StandardCharsets.UTF_8);
        try {
            if (Json.mapper().readTree(current).equals(Json.mapper().readTree(document))) {
                return "already_in_place";
            }
        } catch (IOException e) {
            // an unreadable current document is simply replaced
        }
        List<PolicyVersion> versions = iam.listPolicyVersions(ListPolicyVersionsRequest.builder().policyArn(arn).build()).versions();
        if (versions.size() >= 5) {
            versions.stream().filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
                    .min(java.util.Comparator.comparing(PolicyVersion::createDate))
                    .ifPresent(v -> iam.deletePolicyVersion(DeletePolicyVersionRequest.builder().policyArn(arn)
                            .versionId(v.versionId()).build()));
        }
        iam.createPolicyVersion(CreatePolicyVersionRequest.builder().policyArn(arn).policyDocument(document)
                .setAsDefault(true).build());
        return "updated";
    }

    static String ensureGroup(IamClient iam) {
        try {
            iam.getGroup(GetGroupRequest.builder().groupName(GROUP).build());
            return "already_in_place";
        } catch (NoSuchEntityException e) {
            iam.createGroup(CreateGroupRequest.builder().groupName(GROUP).build());
            return "created";
        }
    }
}
