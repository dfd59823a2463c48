package io.daylily.ec.steps.preflight;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigEntry;
import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.config.Triplet;
import java.util.ArrayList;
import java.util.List;

/** Contexts for preflight tests. */
final class Ctx {
    private Ctx() {
    }

    static RunContext base() {
        return RunContext.empty("20260211120000").with(ContextKeys.REGION_AZ, "us-west-2b")
                .with(ContextKeys.REGION, "us-west-2").with(ContextKeys.AWS_PROFILE, "lab")
                .with(ContextKeys.CONFIG, config()).with(ContextKeys.VALUES, ConfigValues.empty());
    }

    /** A config whose listed keys have these set values (key, value, key, value…). */
    static ConfigSnapshot config(String... kv) {
        List<ConfigEntry> e = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            e.add(ConfigEntry.of(kv[i], new Triplet("USESETVALUE", "", kv[i + 1])));
        }
        return new ConfigSnapshot("test.yaml", e, List.of());
    }

    static RunContext withConfig(String... kv) {
        return base().with(ContextKeys.CONFIG, config(kv));
    }

    static RunContext user(String arn) {
        return base().with(ContextKeys.CALLER_ARN, arn).with(ContextKeys.USER_NAME,
                CallerArn.userName(arn)).with(ContextKeys.ACCOUNT_ID, "123456789012");
    }
}
