package io.daylily.ec.steps.infra;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.BaselineStack;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.AwsErrors;
import io.daylily.ec.support.config.ConfigKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code infra.plan} (issue #20): what the infra phase and {@code policy.budgets} of a create would do,
 * from read requests only, with the decisions those steps make: the baseline stack (created, waited for
 * or reused), the {@code pcluster-omics-analysis} policy, the scheduler role, both budgets with their
 * alerts and subscribers, and the budget-tags file's rows. A stack the create could not use is a FAIL here.
 */
public final class InfraPlanStep implements Step {
    @Override
    public String id() {
        return "infra.plan";
    }

    @Override
    public int order() {
        return Order.INFRA;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.PLAN);
    }

    @Override
    public boolean mutatesAws() {
        return false;
    }

    @Override
    public String description() {
        return "what the create's network, IAM, scheduler-role and budget steps would do (read-only)";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        List<PlannedChange> out = new ArrayList<>();
        RunContext next = network(ctx, s, out);
        if (next == null) {
            return ctx; // reported: the create would stop there
        }
        IamPolicies known = ctx.get(ContextKeys.IAM_POLICIES).orElse(new IamPolicies(List.of(), ""));
        out.add(known.omicsAnalysisArn().isEmpty()
                ? PlannedChange.of("IAM policy", IamPolicies.OMICS_ANALYSIS, Action.CREATE)
                : PlannedChange.of("IAM policy", IamPolicies.OMICS_ANALYSIS, Action.REUSE).with("arn", known.omicsAnalysisArn()));
        out.add(schedulerRole(ctx, s));
        budgets(ctx, s, out);
        s.events().check(CheckResult.pass(id(), Map.of("writes", out.stream().filter(c -> c.action().changes()).count())));
        return Plan.add(next, out);
    }

    /** The network; null when the create would stop at it (a FAIL is published). */
    private RunContext network(RunContext ctx, StepServices s, List<PlannedChange> out) {
        String az = ctx.require(ContextKeys.REGION_AZ);
        if (!ctx.getOrDefault(ContextKeys.BASELINE_STACK_NEEDED, false)) {
            Network net = ctx.require(ContextKeys.NETWORK);
            out.add(PlannedChange.of("network", az, Action.REUSE).with("public_subnet_id", net.publicSubnetId())
                    .with("private_subnet_id", net.privateSubnetId()));
            return ctx;
        }
        String name = BaselineStack.stackName(az);
        Optional<Stack> stack;
        try {
            stack = InfraNetworkStep.newStack(s, ctx).describe(name);
        } catch (AwsOperationException e) {
            s.events().check(CheckResult.fail(id(), awsDetail(e), e.getMessage()));
            return null;
        }
        if (stack.isEmpty()) {
            boolean policy = ctx.get(ContextKeys.IAM_POLICIES).map(p -> p.tagsAndBudgetArns().isEmpty()).orElse(true);
            PlannedChange c = PlannedChange.of("network stack", name, Action.CREATE).with("creates", policy
                    ? List.of("VPC", "public subnet", "private subnet", "NAT gateway", "Elastic IP", "IAM policy " + IamPolicies.TAGS_AND_BUDGET)
                    : List.of("VPC", "public subnet", "private subnet", "NAT gateway", "Elastic IP"));
            out.add(c);
            return ctx; // the subnets exist only after the create: the render shows stand-ins
        }
        String status = stack.get().stackStatusAsString();
        if (!NetworkStack.COMPLETE.contains(status) && !NetworkStack.IN_PROGRESS.contains(status)) {
            s.events().check(CheckResult.fail(id(), Map.of("stack_name", name, "status", status),
                    NetworkStack.notReusable(name, ctx.require(ContextKeys.REGION), status)));
            return null;
        }
        Map<String, String> outputs = NetworkStack.outputs(stack.get());
        PlannedChange c = PlannedChange.of("network stack", name, Action.REUSE).with("status", status);
        String pub = outputs.getOrDefault("PublicSubnets", "");
        String priv = outputs.getOrDefault("PrivateSubnet", "");
        if (NetworkStack.IN_PROGRESS.contains(status)) {
            out.add(c.with("note", "the create waits for it"));
            return ctx;
        }
        out.add(c.with("public_subnet_id", pub).with("private_subnet_id", priv));
        return pub.isEmpty() || priv.isEmpty() ? ctx
                : ctx.with(ContextKeys.NETWORK, new Network(outputs.getOrDefault("VPC", ""), pub, priv));
    }

    private static Map<String, Object> awsDetail(AwsOperationException e) {
        return e.getCause() instanceof software.amazon.awssdk.core.exception.SdkException sdk
                ? Map.of(AwsErrors.DETAIL, AwsErrors.kind(sdk).detail()) : Map.of();
    }

    private PlannedChange schedulerRole(RunContext ctx, StepServices s) {
        HeartbeatSettings hb = ctx.require(ContextKeys.HEARTBEAT);
        String role = SchedulerRoleStep.ROLE_NAMES.get(0);
        if (!hb.wanted()) {
            return PlannedChange.of("IAM role", role, Action.SKIP).with("reason", "heartbeat off");
        }
        Optional<SchedulerRoleStep.Resolved> given = SchedulerRoleStep.fromConfigOrEnv(hb, s.env());
        if (given.isPresent()) {
            return PlannedChange.of("IAM role", given.get().arn(), Action.REUSE).with("source", given.get().source());
        }
        try {
            Optional<SchedulerRoleStep.Found> f = SchedulerRoleStep.find(s.aws().get(IamClient.class, ctx));
            if (f.isEmpty()) {
                return PlannedChange.of("IAM role", role, Action.CREATE).with("inline_policy", role + "-inline");
            }
            return f.get().lacksInline()
                    ? PlannedChange.of("IAM role", f.get().name(), Action.UPDATE).with("adds", List.of("inline policy " + role + "-inline"))
                    : PlannedChange.of("IAM role", f.get().name(), Action.REUSE).with("arn", f.get().arn());
        } catch (AwsServiceException e) {
            // the create warns and skips the heartbeat: so does the plan
            s.events().warn(id(), "the heartbeat would be skipped: cannot read the scheduler role (" + AwsErrors.text(e) + ")");
            return PlannedChange.of("IAM role", role, Action.SKIP).with("reason", AwsErrors.text(e));
        }
    }

    static void budgets(RunContext ctx, StepServices s, List<PlannedChange> out) {
        String account = ctx.require(ContextKeys.ACCOUNT_ID);
        String email = ctx.require(ContextKeys.VALUES).getOrEmpty(ConfigKeys.BUDGET_EMAIL);
        BudgetsClient budgets = BudgetsStep.client(ctx, s);
        List<BudgetsStep.TagRow> rows = new ArrayList<>();
        for (BudgetsStep.Spec b : BudgetsStep.specs(ctx)) {
            BudgetsStep.BudgetState st = BudgetsStep.inspect(budgets, account, b.name(), b.thresholds(), email);
            rows.add(new BudgetsStep.TagRow(b.name(), BudgetTags.row(b.name(), b.users()), !st.existed()));
            if (!st.existed()) {
                out.add(PlannedChange.of("budget", b.name(), Action.CREATE).with("amount_usd", b.amount())
                        .with("alerts_percent", b.thresholds()).with("alert_email", email));
            } else if (st.missing().isEmpty() && st.unsubscribed().isEmpty()) {
                out.add(PlannedChange.of("budget", b.name(), Action.REUSE));
            } else {
                out.add(PlannedChange.of("budget", b.name(), Action.UPDATE).with("alerts_added_percent", st.missing())
                        .with("subscribers_added_percent", st.unsubscribed().stream().map(Notification::threshold).toList()));
            }
        }
        String bucket = ctx.require(ContextKeys.REFERENCE_BUCKET).name();
        String[] file = BudgetsStep.tags(s.aws().get(S3Client.class, ctx), bucket, rows);
        String where = "s3://" + bucket + "/" + BudgetTags.KEY;
        if (file[0].equals(file[1])) {
            out.add(PlannedChange.of("budget-tags file", where, Action.REUSE));
            return;
        }
        List<String> added = file[1].lines().filter(l -> !file[0].lines().toList().contains(l)).toList();
        out.add(PlannedChange.of("budget-tags file", where, file[0].isEmpty() ? Action.CREATE : Action.UPDATE).with("rows", added));
    }
}
