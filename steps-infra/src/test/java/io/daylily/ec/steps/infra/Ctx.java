package io.daylily.ec.steps.infra;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.ReferenceBucket;
import io.daylily.ec.support.config.ConfigKeys;
import java.util.List;

final class Ctx {
    private Ctx() {
    }

    static RunContext base() {
        return RunContext.empty("20260211120000").with(ContextKeys.REGION_AZ, "us-west-2b").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.AWS_PROFILE, "lab").with(ContextKeys.ACCOUNT_ID, "123456789012")
                .with(ContextKeys.CLUSTER_NAME, "cl1")
                .with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(), ""))
                .with(ContextKeys.REFERENCE_BUCKET, new ReferenceBucket("lab-omics-analysis-us-west-2"))
                .with(ContextKeys.HEARTBEAT, new HeartbeatSettings("hb@b.com", "rate(60 minutes)", ""))
                .with(ContextKeys.VALUES, ConfigValues.empty().with(ConfigKeys.BUDGET_EMAIL, "a@b.com")
                        .with(ConfigKeys.BUDGET_AMOUNT, "200").with(ConfigKeys.GLOBAL_BUDGET_AMOUNT, "300")
                        .with(ConfigKeys.ALLOWED_BUDGET_USERS, "alice,bob").with(ConfigKeys.GLOBAL_ALLOWED_BUDGET_USERS, "ubuntu")
                        .with(ConfigKeys.S3_BUCKET_NAME, "lab-omics-analysis-us-west-2").with(ConfigKeys.HEARTBEAT_EMAIL, "hb@b.com"));
    }
}
