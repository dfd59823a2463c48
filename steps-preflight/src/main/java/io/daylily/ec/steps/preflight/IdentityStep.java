package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.AwsErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** {@code preflight.identity}: one STS call; account id, caller ARN, user name (DECISIONS #4). */
public final class IdentityStep implements Step {
    @Override
    public String id() {
        return "preflight.identity";
    }

    @Override
    public int order() {
        return Order.PREFLIGHT + 10;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT, Pipelines.INFRA_NETWORK, Pipelines.BOOTSTRAP_ACCOUNT,
                Pipelines.BOOTSTRAP_REGION);
    }

    @Override
    public String description() {
        return "AWS credentials: account, caller ARN, user name";
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        String profile = ctx.get(ContextKeys.AWS_PROFILE).orElse("(default credential chain)");
        String region = ctx.require(ContextKeys.REGION);
        GetCallerIdentityResponse who;
        try {
            who = s.aws().get(StsClient.class, ctx).getCallerIdentity(GetCallerIdentityRequest.builder().build());
        } catch (SdkException e) {
            // the real cause: credentials, an unreachable endpoint, throttling… each named as itself (issue #16)
            s.events().check(CheckResult.fail("aws.identity", Map.of("profile", profile, "region", region),
                    AwsErrors.describe(e, "sts:GetCallerIdentity for profile " + profile + " in " + region,
                            "sts:GetCallerIdentity")).withAwsError(AwsErrors.kind(e).detail()));
            return ctx;
        }
        String user = CallerArn.userName(who.arn());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("account_id", who.account());
        d.put("caller_arn", who.arn());
        d.put("user_name", user);
        s.events().check(CheckResult.pass("aws.identity", d));
        return ctx.with(ContextKeys.ACCOUNT_ID, who.account()).with(ContextKeys.CALLER_ARN, who.arn())
                .with(ContextKeys.USER_NAME, user);
    }
}
