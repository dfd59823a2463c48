package io.daylily.ec.steps.infra;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import java.util.List;

final class Ctx {
    private Ctx() {
    }

    static RunContext base() {
        return RunContext.empty("20260211120000").with(ContextKeys.REGION_AZ, "us-west-2b").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.AWS_PROFILE, "lab").with(ContextKeys.ACCOUNT_ID, "123456789012")
                .with(ContextKeys.CLUSTER_NAME, "cl1")
                .with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(), ""))
                .with(ContextKeys.VALUES, ConfigValues.empty().with("budget_email", "a@b.com")
                        .with("budget_amount", "200").with("global_budget_amount", "300")
                        .with("allowed_budget_users", "alice,bob").with("global_allowed_budget_users", "ubuntu")
                        .with("s3_bucket_name", "lab-omics-analysis-us-west-2").with("heartbeat_email", "hb@b.com"));
    }
}
