package io.daylily.ec.app.listeners;

import io.daylily.ec.api.AtomicFiles;
import io.daylily.ec.api.ContextKey;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;

/** Reading common facts out of a context for file names and records. */
final class RunFacts {
    private RunFacts() {
    }

    static String clusterName(RunContext ctx) {
        return ctx.get(ContextKeys.CLUSTER_NAME)
                .or(() -> ctx.get(ContextKeys.VALUES).flatMap(v -> v.get("cluster_name")))
                .filter(s -> !s.isEmpty())
                .orElse(null);
    }

    static String safeCluster(RunContext ctx) {
        return AtomicFiles.safeName(clusterName(ctx));
    }

    static String str(RunContext ctx, ContextKey<String> key) {
        return ctx.get(key).orElse("");
    }

    static String value(RunContext ctx, String configKey) {
        return ctx.get(ContextKeys.VALUES).map(v -> v.getOrEmpty(configKey)).orElse("");
    }

    static ConfigValues values(RunContext ctx) {
        return ctx.get(ContextKeys.VALUES).orElse(ConfigValues.empty());
    }
}
