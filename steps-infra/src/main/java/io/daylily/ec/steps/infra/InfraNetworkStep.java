package io.daylily.ec.steps.infra;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.BaselineStack;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.Settings;
import io.daylily.ec.support.config.ConfigKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

/**
 * {@code infra.network}: when preflight found neither subnet kind in the AZ, create the baseline stack
 * from the bundled template (or take an existing COMPLETE stack as it is, as upstream does), wait for
 * it, and take the subnets and the policy ARN from its outputs (DECISIONS #9, #10). Otherwise nothing
 * to do: the network is up to date. {@code infra ensure-network --update} updates an existing stack.
 */
public final class InfraNetworkStep implements ResourceStep<InfraNetworkStep.Decision> {
    static final String TEMPLATE = "config/day_cluster/pcluster_env.yml";
    static final String POLL_ENV = Settings.STACK_POLL_SECONDS.name();

    @Override
    public String id() {
        return "infra.network";
    }

    @Override
    public int order() {
        return Order.INFRA;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.INFRA_NETWORK);
    }

    @Override
    public String description() {
        return "create or update the baseline network stack when the AZ has no daylily subnets";
    }

    static String template() {
        try (InputStream in = InfraNetworkStep.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new AwsOperationException("the baseline network template " + TEMPLATE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AwsOperationException("cannot read " + TEMPLATE + ": " + e.getMessage(), e);
        }
    }

    /** The pclusterTagsAndBudget ARNs, for CreatePolicy (when preflight's IAM step did not run). */
    static IamPolicies listPolicies(IamClient iam) {
        List<String> tags = new java.util.ArrayList<>();
        try {
            // the SDK's paginator follows Marker while IsTruncated
            iam.listPoliciesPaginator(ListPoliciesRequest.builder().scope(PolicyScopeType.LOCAL).build()).policies().stream()
                    .filter(p -> IamPolicies.TAGS_AND_BUDGET.equals(p.policyName())).forEach(p -> tags.add(p.arn()));
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new AwsOperationException(AwsErrors.describe(e, "iam:ListPolicies", "iam:ListPolicies")
                    + " (the listing decides whether the stack creates " + IamPolicies.TAGS_AND_BUDGET + ")", e);
        }
        return new IamPolicies(tags, "");
    }

    static NetworkStack newStack(StepServices s, RunContext ctx) {
        return new NetworkStack(s.aws().get(CloudFormationClient.class, ctx), s.clock(), s.prompter(),
                Settings.STACK_POLL_SECONDS.duration(s.env()), Duration.ofMinutes(30), ctx.require(ContextKeys.REGION));
    }

    /**
     * What the create does with the network: nothing ({@code upToDate}: preflight found the subnets, no
     * {@code --update}, or nothing to update), or ensure the stack {@code name} as it was read ({@code stack}),
     * with the policy listing that decides whether the stack creates {@code pclusterTagsAndBudget}.
     */
    record Decision(String az, String name, boolean upToDate, Network found, Optional<Stack> stack, IamPolicies policies, boolean update) {
        boolean createPolicy() {
            return policies.tagsAndBudgetArns().isEmpty();
        }
    }

    @Override
    public Decision inspect(RunContext ctx, StepServices s) {
        String az = ctx.require(ContextKeys.REGION_AZ);
        String name = BaselineStack.stackName(az);
        boolean update = ctx.getOrDefault(ContextKeys.NETWORK_UPDATE, false);
        boolean needed = ctx.getOrDefault(ContextKeys.BASELINE_STACK_NEEDED, false);
        if (!needed && !update) {
            return new Decision(az, name, true, ctx.require(ContextKeys.NETWORK), Optional.empty(), null, false);
        }
        Optional<Stack> stack = newStack(s, ctx).describe(name);
        if (!needed && stack.isEmpty()) {
            return new Decision(az, name, true, ctx.require(ContextKeys.NETWORK), stack, null, true); // no stack to update
        }
        if (stack.isPresent()) {
            String status = stack.get().stackStatusAsString();
            if (!NetworkStack.COMPLETE.contains(status) && !NetworkStack.IN_PROGRESS.contains(status)) {
                throw new AwsOperationException(NetworkStack.notReusable(name, ctx.require(ContextKeys.REGION), status));
            }
        }
        IamPolicies policies = ctx.get(ContextKeys.IAM_POLICIES).orElseGet(() -> listPolicies(s.aws().get(IamClient.class, ctx)));
        return new Decision(az, name, false, ctx.get(ContextKeys.NETWORK).orElse(null), stack, policies, update);
    }

    @Override
    public List<PlannedChange> describe(Decision d) {
        if (d.upToDate()) {
            return List.of(PlannedChange.of("network", d.az(), Action.REUSE)
                    .with("public_subnet_id", d.found().publicSubnetId()).with("private_subnet_id", d.found().privateSubnetId()));
        }
        if (d.stack().isEmpty()) {
            List<String> creates = new ArrayList<>(List.of("VPC", "public subnet", "private subnet", "NAT gateway", "Elastic IP"));
            if (d.createPolicy()) {
                creates.add("IAM policy " + IamPolicies.TAGS_AND_BUDGET);
            }
            return List.of(PlannedChange.of("network stack", d.name(), Action.CREATE).with("creates", creates));
        }
        String status = d.stack().get().stackStatusAsString();
        PlannedChange c = PlannedChange.of("network stack", d.name(), d.update() ? Action.UPDATE : Action.REUSE).with("status", status);
        if (NetworkStack.IN_PROGRESS.contains(status)) {
            return List.of(c.with("note", "the create waits for it"));
        }
        if (d.update()) {
            return List.of(c.with("note", "updated from the bundled template; an update with nothing to change leaves it as it is"));
        }
        Map<String, String> outputs = NetworkStack.outputs(d.stack().get());
        return List.of(c.with("public_subnet_id", outputs.getOrDefault("PublicSubnets", ""))
                .with("private_subnet_id", outputs.getOrDefault("PrivateSubnet", "")));
    }

    /** A COMPLETE stack the create takes as it is: its subnets are the plan's network (the render shows them). */
    @Override
    public RunContext planned(Decision d, RunContext ctx) {
        if (d.upToDate() || d.stack().isEmpty() || !NetworkStack.COMPLETE.contains(d.stack().get().stackStatusAsString())) {
            return ctx; // a stack still to be made: the subnets exist only after the create, the render shows stand-ins
        }
        Map<String, String> outputs = NetworkStack.outputs(d.stack().get());
        String pub = outputs.getOrDefault("PublicSubnets", "");
        String priv = outputs.getOrDefault("PrivateSubnet", "");
        return pub.isEmpty() || priv.isEmpty() ? ctx
                : ctx.with(ContextKeys.NETWORK, new Network(outputs.getOrDefault("VPC", ""), pub, priv));
    }

    @Override
    public RunContext apply(Decision decision, RunContext ctx, StepServices s) {
        String az = ctx.require(ContextKeys.REGION_AZ);
        String name = decision.name();
        if (decision.upToDate()) {
            Network net = decision.found();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("action", "up_to_date");
            d.put("public_subnet_id", net.publicSubnetId());
            d.put("private_subnet_id", net.privateSubnetId());
            s.events().check(CheckResult.pass(id(), d));
            s.prompter().say("Baseline network already up to date in " + az + ": public " + net.publicSubnetId()
                    + ", private " + net.privateSubnetId()
                    + (decision.update() ? " (there is no stack " + name + " to update; these subnets are not from one)" : ""));
            return ctx;
        }
        IamPolicies policies = decision.policies();
        // The state file records the stack the moment we touch it.
        RunContext touched = ctx.with(ContextKeys.CFN_STACK_NAME, name);
        s.events().publish(new io.daylily.ec.api.event.ResourceTouched("cfn_stack_name", name));
        NetworkStack stack = newStack(s, ctx);
        NetworkStack.Result r = stack.ensure(name, decision.stack(), template(), NetworkStack.parameters(az, decision.createPolicy()),
                decision.update());
        String pub = r.outputs().getOrDefault("PublicSubnets", "");
        String priv = r.outputs().getOrDefault("PrivateSubnet", "");
        if (pub.isEmpty() || priv.isEmpty()) {
            throw new AwsOperationException("stack " + name + " has no subnet outputs (PublicSubnets/PrivateSubnet);"
                    + " it was not created from the daylily template");
        }
        String policyOut = r.outputs().getOrDefault("PclusterPolicy", "");
        String policy = policyOut.startsWith("arn:") ? policyOut
                : policies.tagsAndBudgetArns().isEmpty() ? "" : policies.tagsAndBudgetArns().get(0);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action", r.action());
        d.put("stack_name", name);
        d.put("status", r.status());
        // what was sent, not what was asked: an update keeps CreatePolicy=true on a stack that owns the policy
        boolean sentPolicy = "true".equals(stack.sentCreatePolicy());
        if (!stack.sentCreatePolicy().isEmpty()) {
            d.put("create_policy", sentPolicy);
        }
        d.put("public_subnet_id", pub);
        d.put("private_subnet_id", priv);
        d.put("policy_arn", policy);
        s.events().check(CheckResult.pass(id(), d));
        s.prompter().say("Baseline network " + r.action() + " (" + name + "): public " + pub + ", private " + priv
                + (r.action().equals("reused") ? " — the existing " + r.status() + " stack's outputs, not updated"
                        + (Pipelines.INFRA_NETWORK.equals(ctx.get(ContextKeys.PIPELINE).orElse("")) ? " (--update updates it)" : "") : ""));
        RunContext out = touched.with(ContextKeys.BASELINE_STACK_NEEDED, false)
                .with(ContextKeys.NETWORK, new Network(r.outputs().getOrDefault("VPC", ""), pub, priv));
        if (!policy.isEmpty() && out.get(ContextKeys.CLUSTER_POLICY).isEmpty()) {
            out = out.with(ContextKeys.CLUSTER_POLICY, new io.daylily.ec.api.facts.ClusterPolicy(policy)); // the config's wins
        }
        if (r.action().equals("created") || r.action().equals("updated")) {
            out = io.daylily.ec.api.AwsChanges.record(out, "network stack " + name + " (" + r.action()
                    + (sentPolicy && r.action().equals("created") ? ", with the policy " + IamPolicies.TAGS_AND_BUDGET : "")
                    + "; it holds a NAT gateway and an Elastic IP)");
        }
        return out;
    }
}
