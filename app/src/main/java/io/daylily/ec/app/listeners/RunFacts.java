package io.daylily.ec.app.listeners;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigKey;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.support.config.ConfigKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading common facts out of a context for file names and records. */
final class RunFacts {
    private RunFacts() {
    }

    static String clusterName(RunContext ctx) {
        return ctx.get(ContextKeys.CLUSTER_NAME)
                .or(() -> ctx.get(ContextKeys.VALUES).flatMap(v -> v.get(ConfigKeys.CLUSTER_NAME)))
                .filter(s -> !s.isEmpty())
                .orElse(null);
    }

    static String safeCluster(RunContext ctx) {
        return AtomicFiles.safeName(clusterName(ctx));
    }

    static String str(RunContext ctx, ContextKey<String> key) {
        return ctx.get(key).orElse("");
    }

    static String value(RunContext ctx, ConfigKey configKey) {
        return ctx.get(ContextKeys.VALUES).map(v -> v.getOrEmpty(configKey)).orElse("");
    }

    /** The facts that name a run, shared by the preflight report and the state record (empty strings where unsettled). */
    static Map<String, Object> identity(RunContext ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", ctx.runId());
        m.put("cluster_name", clusterName(ctx));
        m.put("region", str(ctx, ContextKeys.REGION));
        m.put("region_az", str(ctx, ContextKeys.REGION_AZ));
        m.put("aws_profile", str(ctx, ContextKeys.AWS_PROFILE));
        m.put("account_id", str(ctx, ContextKeys.ACCOUNT_ID));
        return m;
    }

    static ConfigValues values(RunContext ctx) {
        return ctx.get(ContextKeys.VALUES).orElse(ConfigValues.empty());
    }
}
