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
import java.io.InputStream;
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
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetGroupRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetUserRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * {@code infra bootstrap-account} / {@code infra bootstrap-region} (the admin one-time setup, PARITY §30):
 * create or update the Daylily managed policy from the document shipped in the jar (the account id and
 * region filled in; {@code --policy-document FILE} overrides it), create the group (default
 * {@code daylily-ephemeral-cluster}), attach the policy to it, add the user. The regional command also
 * creates {@code DaylilyPClusterLambdaAdjustRoles} and attaches it to every existing
 * {@code ParallelClusterLambdaRole-*} role. The user must exist: that is checked before anything is
 * changed. Idempotent: each item is reported as created, updated or already in place.
 */
public final class BootstrapStep implements Step {
    static final String GROUP = "daylily-ephemeral-cluster";
    static final String GLOBAL = "DaylilyGlobalEClusterPolicy";
    static final String REGIONAL = "DaylilyRegionalEClusterPolicy";
    static final String REGIONAL_PREFIX = REGIONAL + "-";
    static final String LAMBDA = "DaylilyPClusterLambdaAdjustRoles";
    static final String LAMBDA_ROLE_PREFIX = "ParallelClusterLambdaRole-";

    @Override
    public String id() {
        return "infra.bootstrap";
    }

    /** It writes to AWS (the Daylily IAM policies, the group and its membership): a plain step whose whole run is its apply (issue #28). */
    @Override
    public boolean mutatesAws() {
        return true;
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
        return "admin setup: Daylily policies, group daylily-ephemeral-cluster, user membership";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        IamClient iam = s.aws().get(IamClient.class, ctx);
        String account = ctx.require(ContextKeys.ACCOUNT_ID);
        String user = ctx.require(ContextKeys.BOOTSTRAP_USER);
        String group = ctx.get(ContextKeys.BOOTSTRAP_GROUP).orElse(GROUP);
        String region = ctx.require(ContextKeys.REGION);
        boolean regional = Pipelines.BOOTSTRAP_REGION.equals(ctx.require(ContextKeys.PIPELINE));
        // Every document is read and checked before anything is sent.
        String mainName = regional ? REGIONAL_PREFIX + region : GLOBAL;
        String mainDoc = ctx.get(ContextKeys.BOOTSTRAP_POLICY_FILE).map(BootstrapStep::document)
                .orElseGet(() -> shipped(regional ? REGIONAL : GLOBAL, account, region));
        String lambdaDoc = !regional ? null : ctx.get(ContextKeys.BOOTSTRAP_LAMBDA_POLICY_FILE).map(BootstrapStep::document)
                .orElseGet(() -> shipped(LAMBDA, account, region));
        Map<String, Object> d = new LinkedHashMap<>();
        try {
            requireUser(iam, user, account);
            String arn = arn(account, mainName);
            d.put("policy:" + mainName, ensurePolicy(iam, arn, mainName, mainDoc));
            d.put("group:" + group, ensureGroup(iam, group));
            List<String> attached = new ArrayList<>();
            iam.listAttachedGroupPoliciesPaginator(ListAttachedGroupPoliciesRequest.builder().groupName(group).build())
                    .attachedPolicies().forEach(a -> attached.add(a.policyArn()));
            if (attached.contains(arn)) {
                d.put("attached:" + arn, "already_in_place");
            } else {
                iam.attachGroupPolicy(AttachGroupPolicyRequest.builder().groupName(group).policyArn(arn).build());
                d.put("attached:" + arn, "created");
            }
            boolean member = iam.listGroupsForUserPaginator(ListGroupsForUserRequest.builder().userName(user).build()).groups()
                    .stream().anyMatch(g -> group.equals(g.groupName()));
            if (member) {
                d.put("member:" + user, "already_in_place");
            } else {
                iam.addUserToGroup(AddUserToGroupRequest.builder().groupName(group).userName(user).build());
                d.put("member:" + user, "created");
            }
            if (regional) {
                String lambdaArn = arn(account, LAMBDA);
                d.put("policy:" + LAMBDA, ensurePolicy(iam, lambdaArn, LAMBDA, lambdaDoc));
                attachToLambdaRoles(iam, lambdaArn, d, s);
            }
        } catch (AwsServiceException e) {
            // say what this run had already done (a rerun finishes the rest: each item is ensured)
            throw new AwsOperationException("IAM bootstrap failed: " + AwsErrors.text(e)
                    + " (run it with an administrator profile)" + (d.isEmpty() ? "; nothing was changed"
                    : "; done before it: " + String.join(", ", d.entrySet().stream().map(x -> x.getKey() + " " + x.getValue()).toList())
                    + " — run it again to finish"), e);
        }
        d.forEach((k, v) -> s.prompter().say("  " + k + ": " + v));
        s.events().check(CheckResult.pass(id(), d));
        return ctx;
    }

    static String arn(String account, String policyName) {
        return "arn:aws:iam::" + account + ":policy/" + policyName;
    }

    /** The user must exist (PARITY §30): a missing one is exit 1 naming it, before any change. */
    static void requireUser(IamClient iam, String user, String account) {
        try {
            iam.getUser(GetUserRequest.builder().userName(user).build());
        } catch (NoSuchEntityException e) {
            throw new DaylilyException(ExitCode.VALIDATION, "IAM user '" + user + "' does not exist in account " + account
                    + "; create it first (aws iam create-user --user-name " + user + ") or pass --user with an existing user."
                    + " Nothing was changed");
        }
    }

    /** Attaches {@code arn} to every {@code ParallelClusterLambdaRole-*} role that does not have it (PARITY §30). */
    static void attachToLambdaRoles(IamClient iam, String arn, Map<String, Object> d, StepServices s) {
        List<String> roles = iam.listRolesPaginator(ListRolesRequest.builder().build()).roles().stream()
                .map(r -> r.roleName()).filter(n -> n.startsWith(LAMBDA_ROLE_PREFIX)).sorted().toList();
        if (roles.isEmpty()) {
            d.put("lambda_roles", "none yet");
            s.prompter().say("No " + LAMBDA_ROLE_PREFIX + "* role exists yet; run bootstrap-region again after the first"
                    + " cluster is created to attach " + LAMBDA + " to it.");
            return;
        }
        for (String role : roles) {
            boolean has = iam.listAttachedRolePoliciesPaginator(ListAttachedRolePoliciesRequest.builder().roleName(role).build())
                    .attachedPolicies().stream().anyMatch(a -> arn.equals(a.policyArn()));
            if (has) {
                d.put("attached:" + role, "already_in_place");
            } else {
                iam.attachRolePolicy(AttachRolePolicyRequest.builder().roleName(role).policyArn(arn).build());
                d.put("attached:" + role, "created");
            }
        }
    }

    /** A policy document shipped in the jar ({@code iam/<name>.json}), with the account id and region filled in. */
    static String shipped(String name, String account, String region) {
        String resource = "iam/" + name + ".json";
        try (InputStream in = BootstrapStep.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AwsOperationException("the policy document " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${account_id}", account)
                    .replace("${region}", region);
        } catch (IOException e) {
            throw new AwsOperationException("cannot read " + resource + ": " + e.getMessage(), e);
        }
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

    static String ensureGroup(IamClient iam, String group) {
        try {
            iam.getGroup(GetGroupRequest.builder().groupName(group).build());
            return "already_in_place";
        } catch (NoSuchEntityException e) {
            iam.createGroup(CreateGroupRequest.builder().groupName(group).build());
            return "created";
        }
    }
}
