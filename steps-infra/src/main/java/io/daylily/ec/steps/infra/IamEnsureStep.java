package io.daylily.ec.steps.infra;

import io.daylily.ec.api.AwsOperationException;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.ResourceStep;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.plan.PlannedChange;
import io.daylily.ec.api.plan.PlannedChange.Action;
import io.daylily.ec.support.AwsErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;

/**
 * {@code infra.iam}: ensures the customer-managed policy {@code pcluster-omics-analysis} (PARITY
 * §5.3): one statement allowing {@code iam:CreateServiceLinkedRole} for {@code spot.amazonaws.com}.
 * It is never attached to anything. Idempotent: nothing is called when preflight saw it.
 */
public final class IamEnsureStep implements ResourceStep<IamEnsureStep.Decision> {
    static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:CreateServiceLinkedRole\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringLike\":{\"iam:AWSServiceName\":\"spot.amazonaws.com\"}}}]}";

    @Override
    public String id() {
        return "infra.iam";
    }

    @Override
    public int order() {
        return Order.INFRA + 10;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE);
    }

    @Override
    public String description() {
        return "ensure the pcluster-omics-analysis IAM policy";
    }

    /** What the create does with the policy: nothing when preflight saw it (its ARN), else create it. */
    record Decision(String knownArn) {
        boolean exists() {
            return !knownArn.isEmpty();
        }
    }

    /** From the preflight's listing ({@code IAM_POLICIES}): no request. */
    @Override
    public Decision inspect(RunContext ctx, StepServices s) {
        return new Decision(ctx.get(ContextKeys.IAM_POLICIES).map(IamPolicies::omicsAnalysisArn).orElse(""));
    }

    @Override
    public List<PlannedChange> describe(Decision d) {
        return List.of(d.exists()
                ? PlannedChange.of("IAM policy", IamPolicies.OMICS_ANALYSIS, Action.REUSE).with("arn", d.knownArn())
                : PlannedChange.of("IAM policy", IamPolicies.OMICS_ANALYSIS, Action.CREATE));
    }

    @Override
    public RunContext apply(Decision decision, RunContext ctx, StepServices s) {
        IamPolicies known = ctx.get(ContextKeys.IAM_POLICIES).orElse(new IamPolicies(List.of(), ""));
        Map<String, Object> d = new LinkedHashMap<>();
        if (decision.exists()) {
            d.put("action", "already_exists");
            d.put("arn", decision.knownArn());
            s.events().check(CheckResult.pass("infra.pcluster_omics_policy", d));
            return ctx;
        }
        String account = ctx.require(ContextKeys.ACCOUNT_ID);
        String arn = "arn:aws:iam::" + account + ":policy/" + IamPolicies.OMICS_ANALYSIS;
        try {
            arn = s.aws().get(IamClient.class, ctx).createPolicy(CreatePolicyRequest.builder()
                    .policyName(IamPolicies.OMICS_ANALYSIS).policyDocument(DOCUMENT)
                    .description("daylily-ec: lets ParallelCluster create the EC2 Spot service-linked role").build())
                    .policy().arn();
            d.put("action", "created");
        } catch (EntityAlreadyExistsException e) {
            d.put("action", "already_exists");
        } catch (AwsServiceException e) {
            throw new AwsOperationException("CreatePolicy " + IamPolicies.OMICS_ANALYSIS + " failed: "
                    + AwsErrors.text(e)
                    + " (grant iam:CreatePolicy, or ask an admin to create it)", e);
        }
        d.put("arn", arn);
        s.events().check(CheckResult.pass("infra.pcluster_omics_policy", d));
        RunContext out = ctx.with(ContextKeys.IAM_POLICIES, new IamPolicies(known.tagsAndBudgetArns(), arn));
        return "created".equals(d.get("action"))
                ? io.daylily.ec.api.AwsChanges.record(out, "IAM policy " + IamPolicies.OMICS_ANALYSIS + " (created)") : out;
    }
}
