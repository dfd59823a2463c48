package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.Lookups;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.Question;
import io.daylily.ec.support.AwsErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListAttachedGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

/**
 * {@code preflight.iam}: the Daylily managed policies {@code DaylilyGlobalEClusterPolicy} and
 * {@code DaylilyRegionalEClusterPolicy-<region>} must be attached to the caller — a user directly or
 * through one of its groups, an assumed role directly; root gets a WARN and no check (DECISIONS #4).
 * Missing ones: interactive, the user decides (proceed / exit 1); non-interactive, FAIL (DECISIONS #6).
 * Also lists the account's customer-managed policies once, for {@code pcluster-omics-analysis} and
 * {@code pclusterTagsAndBudget} (created later by infra when absent). Read-only.
 *
 * <p>Pagination is done by hand on the request overloads so Mockito-stubbed clients work.
 */
public final class IamStep implements Step {
    static final String GLOBAL = "DaylilyGlobalEClusterPolicy";
    static final String REGIONAL_PREFIX = "DaylilyRegionalEClusterPolicy-";

    @Override
    public String id() {
        return "preflight.iam";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 20;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "Daylily policies attached (user, groups or role); pcluster policies present";
    }

    /** The account's customer-managed policies of interest (IAM is global: one key per run). */
    static final Lookups.Key<Listed> LOCAL_POLICIES = new Lookups.Key<>("iam:ListPolicies:Local");

    /** Starts the policy listing in the background (the runtime calls it ahead: {@link io.daylily.ec.api.Step#startReads}); the attachments need the caller first. */
    @Override
    public void startReads(RunContext ctx, StepServices s) {
        IamClient iam = s.aws().get(IamClient.class, ctx);
        s.lookups().start(LOCAL_POLICIES, () -> listLocal(iam));
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        IamClient iam = s.aws().get(IamClient.class, ctx);
        String arn = ctx.require(ContextKeys.CALLER_ARN);
        String user = ctx.require(ContextKeys.USER_NAME);
        String region = ctx.require(ContextKeys.REGION);
        String regional = REGIONAL_PREFIX + region;
        // The policy list does not depend on the attachments: it goes out with them, not after them
        // (already in flight when the runtime started the reads ahead).
        s.lookups().start(LOCAL_POLICIES, () -> listLocal(iam));

        if (CallerArn.isRoot(arn)) {
            for (String id : List.of("iam.policy.global", "iam.policy.regional")) {
                s.events().check(CheckResult.warn(id, Map.of("user", "root", "note", "root credentials"),
                        "root credentials: no policy attachment check; use an IAM user or role for daily work"));
            }
        } else {
            List<SdkException> lookupErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
            Set<String> attached = attachedPolicyNames(iam, arn, user, s, Set.of(GLOBAL, regional), lookupErrors);
            List<String> missing = new ArrayList<>();
            String principal = CallerArn.assumedRoleName(arn) != null ? "role '" + CallerArn.assumedRoleName(arn) + "'"
                    : "user '" + user + "'";
            Map<String, String> policies = new LinkedHashMap<>();
            policies.put("iam.policy.global", GLOBAL);
            policies.put("iam.policy.regional", regional);
            Map<String, String> remedies = Map.of(
                    "iam.policy.global", "daylily_ephemeral_cluster_bootstrap_global.sh --profile <admin_profile> --user " + user,
                    "iam.policy.regional", "daylily_ephemeral_cluster_bootstrap_region.sh --region " + region
                            + " --profile <admin_profile> --user " + user);
            List<CheckResult> pending = new ArrayList<>();
            for (Map.Entry<String, String> p : policies.entrySet()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("policy", p.getValue());
                d.put("principal", principal);
                if (attached.contains(p.getValue())) {
                    s.events().check(CheckResult.pass(p.getKey(), d));
                } else if (!lookupErrors.isEmpty()) {
                    // a listing failed: whether the policy is attached is unknown, never "not attached" (issue #16)
                    SdkException e = lookupErrors.get(0);
                    s.events().check(CheckResult.fail(p.getKey(), d, "cannot tell whether policy '" + p.getValue()
                            + "' is attached to " + principal + ": " + AwsErrors.describe(e,
                            "listing the IAM policies of " + principal, "iam:ListAttachedUserPolicies, iam:ListGroupsForUser,"
                                    + " iam:ListAttachedGroupPolicies (iam:ListAttachedRolePolicies for a role)"))
                            .withAwsError(AwsErrors.kind(e).detail()));
                } else {
                    missing.add(p.getValue());
                    pending.add(new CheckResult(p.getKey(), io.daylily.ec.api.event.CheckStatus.WARN,
                            new java.util.TreeMap<>(d), "Policy '" + p.getValue() + "' not attached to " + principal
                            + " (direct or via group). An admin can attach it by running: " + remedies.get(p.getKey())));
                }
            }
            if (!missing.isEmpty()) {
                gateMissing(ctx, s, pending, missing);
            }
        }
        return ctx.with(ContextKeys.IAM_POLICIES, localPolicies(s.lookups().get(LOCAL_POLICIES, () -> listLocal(iam)), s));
    }

    private void gateMissing(RunContext ctx, StepServices s, List<CheckResult> pending, List<String> missing) {
        boolean passOnWarn = ctx.getOrDefault(ContextKeys.PASS_ON_WARN, false);
        if (!s.prompter().interactive()) {
            pending.forEach(c -> s.events().check(CheckResult.fail(c.id(), c.details(), c.remediation())));
            return;
        }
        if (passOnWarn) {
            pending.forEach(s.events()::check);
            return;
        }
        // the user decides: each missing policy's WARN carries the one question, which the runtime's gate asks once
        Question q = Question.menu("iam.policies", "Missing Daylily policies: " + String.join(", ", missing)
                        + "\nDo you want to proceed without the missing policies? (the create will likely fail)",
                List.of("Proceed anyway", "Exit"), "Proceed anyway", 1,
                "stopped: Daylily policies missing (" + String.join(", ", missing) + ")");
        pending.forEach(c -> s.events().check(CheckResult.warnAsking(c.id(), c.details(), c.remediation(), q)));
    }

    /** Policy names attached to the caller that could be read (see the next one for the lookups that failed). */
    static Set<String> attachedPolicyNames(IamClient iam, String arn, String user, StepServices s) {
        return attachedPolicyNames(iam, arn, user, s, Set.of(), new ArrayList<>());
    }

    /**
     * As above; stops before the group lookups once every name in {@code wanted} is found directly.
     * A listing that fails adds its error to {@code errors}: a name missing then is unknown, not absent.
     */
    static Set<String> attachedPolicyNames(IamClient iam, String arn, String user, StepServices s, Set<String> wanted,
                                           List<SdkException> errors) {
        Set<String> names = new java.util.TreeSet<>();
        String role = CallerArn.assumedRoleName(arn);
        if (role != null) {
            try {
                iam.listAttachedRolePoliciesPaginator(ListAttachedRolePoliciesRequest.builder().roleName(role).build())
                        .attachedPolicies().forEach(p -> names.add(p.policyName()));
            } catch (SdkException e) {
                errors.add(e);
            }
            return names;
        }
        try {
            iam.listAttachedUserPoliciesPaginator(ListAttachedUserPoliciesRequest.builder().userName(user).build())
                    .attachedPolicies().forEach(p -> names.add(p.policyName()));
        } catch (SdkException e) {
            errors.add(e); // the groups may still grant them
        }
        if (!wanted.isEmpty() && names.containsAll(wanted)) {
            return names;
        }
        List<String> groups = new ArrayList<>();
        try {
            iam.listGroupsForUserPaginator(ListGroupsForUserRequest.builder().userName(user).build()).groups().stream()
                    .map(Group::groupName).forEach(groups::add);
        } catch (SdkException e) {
            errors.add(e);
            return names;
        }
        for (List<String> groupPolicies : Concurrent.map(groups, g -> groupPolicyNames(iam, g, errors), s.env())) {
            names.addAll(groupPolicies);
        }
        return names;
    }

    private static List<String> groupPolicyNames(IamClient iam, String group, List<SdkException> errors) {
        List<String> out = new ArrayList<>();
        try {
            iam.listAttachedGroupPoliciesPaginator(ListAttachedGroupPoliciesRequest.builder().groupName(group).build())
                    .attachedPolicies().stream().map(AttachedPolicy::policyName).forEach(out::add);
        } catch (SdkException e) {
            errors.add(e); // a group whose policies cannot be read: unknown, not "grants nothing"
        }
        return out;
    }

    /** The customer-managed policies of interest (the two pcluster policies, for infra), or the error that stopped the listing. */
    record Listed(List<String> tags, List<String> omicsArns, SdkException error) {
    }

    /** Lists customer-managed policies; sends requests only, emits nothing (it may run on another thread). */
    private static Listed listLocal(IamClient iam) {
        List<String> tags = new ArrayList<>();
        List<String> omicsArns = new ArrayList<>();
        try {
            for (Policy p : iam.listPoliciesPaginator(ListPoliciesRequest.builder().scope(PolicyScopeType.LOCAL).build())
                    .policies()) {
                if (IamPolicies.TAGS_AND_BUDGET.equals(p.policyName())) {
                    tags.add(p.arn());
                } else if (IamPolicies.OMICS_ANALYSIS.equals(p.policyName())) {
                    omicsArns.add(p.arn());
                }
            }
        } catch (SdkException e) {
            return new Listed(List.of(), List.of(), e);
        }
        return new Listed(tags, omicsArns, null);
    }

    private static IamPolicies localPolicies(Listed listed, StepServices s) {
        if (listed.error() != null) {
            String why = AwsErrors.text(listed.error());
            s.events().check(CheckResult.warn("iam.pcluster_omics_policy", Map.of("error", why),
                    "cannot list customer-managed IAM policies (" + why + "); grant iam:ListPolicies"));
            return new IamPolicies(List.of(), "");
        }
        String omics = listed.omicsArns().isEmpty() ? "" : listed.omicsArns().get(0);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action", omics.isEmpty() ? "will_create" : "already_exists");
        d.put("arn", omics);
        s.events().check(CheckResult.pass("iam.pcluster_omics_policy", d));
        return new IamPolicies(listed.tags(), omics);
    }
}
