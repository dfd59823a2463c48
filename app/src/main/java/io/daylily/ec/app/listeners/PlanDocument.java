package io.daylily.ec.app.listeners;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.ExitCode;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.plan.Plan;
import io.daylily.ec.api.plan.PlannedChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of a {@code daylily-ec plan} run as one stable object ({@code docs/plan.schema.json}): in the
 * {@code --json} summary under {@code plan}, in the run's report file, and as the table printed at the end.
 */
public final class PlanDocument {
    public static final int SCHEMA_VERSION = 1;

    private PlanDocument() {
    }

    /** The plan object of a run that ended with {@code exit} after {@code checks}. */
    public static Map<String, Object> of(RunContext ctx, ExitCode exit, List<CheckResult> checks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", SCHEMA_VERSION);
        m.put("cluster_name", ctx.get(ContextKeys.CLUSTER_NAME).orElse(null));
        m.put("region", ctx.get(ContextKeys.REGION).orElse(""));
        m.put("region_az", ctx.get(ContextKeys.REGION_AZ).orElse(""));
        m.put("account_id", ctx.get(ContextKeys.ACCOUNT_ID).orElse(""));
        m.put("would_proceed", exit == ExitCode.OK);
        List<Map<String, Object>> failed = new ArrayList<>();
        for (CheckResult c : checks) {
            if (c.status() == CheckStatus.FAIL || exit != ExitCode.OK && c.status() == CheckStatus.WARN) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("id", c.id());
                f.put("status", c.status().name());
                f.put("remediation", c.remediation());
                failed.add(f);
            }
        }
        m.put("stopping_checks", failed);
        Plan plan = Plan.of(ctx);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (PlannedChange c : plan.changes()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("resource", c.resource());
            e.put("name", c.name());
            e.put("action", c.action().label());
            e.put("details", c.details());
            changes.add(e);
        }
        m.put("changes", changes);
        m.put("writes", plan.writes().size());
        m.put("cluster_yaml_path", ctx.get(ContextKeys.CLUSTER_YAML_PATH).orElse(null));
        Map<String, Object> prices = new LinkedHashMap<>();
        plan.changes().stream().filter(c -> c.resource().equals("cluster")).findFirst().ifPresent(c -> {
            if (c.details().get("queues") instanceof List<?> queues) {
                for (Object q : queues) {
                    if (q instanceof Map<?, ?> queue && queue.get("spot_price_usd") != null) {
                        prices.put(String.valueOf(queue.get("name")), queue.get("spot_price_usd"));
                    }
                }
            }
        });
        m.put("spot_prices", prices);
        m.put("cost", ctx.get(ContextKeys.COST).orElse(null));
        return m;
    }

    /** The plan as the console shows it: one line per resource, then the cluster YAML and the cost. */
    public static String text(Map<String, Object> doc) {
        StringBuilder b = new StringBuilder();
        List<?> changes = (List<?>) doc.get("changes");
        if (!Boolean.TRUE.equals(doc.get("would_proceed"))) {
            b.append("Plan: a create would stop at the checks above; nothing after them is planned.\n");
            if (changes.isEmpty()) {
                return b.toString();
            }
        }
        b.append("Plan for cluster ").append(doc.get("cluster_name")).append(" in ").append(doc.get("region_az"))
                .append(" (").append(doc.get("writes")).append(" to create or update; nothing has been changed):\n");
        int width = 0;
        for (Object o : changes) {
            Map<?, ?> c = (Map<?, ?>) o;
            width = Math.max(width, String.valueOf(c.get("resource")).length());
        }
        for (Object o : changes) {
            Map<?, ?> c = (Map<?, ?>) o;
            b.append(String.format("  %-7s %-" + width + "s  %s", c.get("action"), c.get("resource"), c.get("name")));
            Map<?, ?> d = (Map<?, ?>) c.get("details");
            String brief = brief(d);
            if (!brief.isEmpty()) {
                b.append("  (").append(brief).append(')');
            }
            b.append('\n');
            if (d.get("queues") instanceof List<?> queues) {
                for (Object q : queues) {
                    Map<?, ?> queue = (Map<?, ?>) q;
                    b.append("            queue ").append(queue.get("name")).append(": ").append(queue.get("instance_types"))
                            .append(", up to ").append(queue.get("max_count")).append(", ").append(queue.get("capacity"))
                            .append(queue.get("spot_price_usd") == null ? "" : " at most $" + queue.get("spot_price_usd") + "/h each")
                            .append('\n');
                }
            }
        }
        if (doc.get("cluster_yaml_path") != null) {
            b.append("Cluster YAML (as the create would render it): ").append(doc.get("cluster_yaml_path")).append('\n');
        }
        if (doc.get("cost") instanceof Map<?, ?> cost) {
            b.append("Cost: spot queues at full scale at most $").append(cost.get("max_hourly_usd")).append("/hour");
            if (cost.get("budget_hours") != null) {
                b.append("; the cluster budget ($").append(cost.get("budget_usd")).append(") covers ")
                        .append(cost.get("budget_hours")).append(" hours of that");
            }
            b.append(" (not included: ").append(String.join(", ", ((List<?>) cost.get("not_included")).stream()
                    .map(String::valueOf).toList())).append(")\n");
        }
        return b.toString();
    }

    /** A few details on the line itself: the short ones (a stack's contents, a budget's amount, a reason). */
    private static String brief(Map<?, ?> d) {
        List<String> parts = new ArrayList<>();
        for (String k : List.of("amount_usd", "alerts_percent", "alerts_added_percent", "subscribers_added_percent", "creates",
                "adds", "rows", "status", "reason", "fsx_size_gb", "expression", "note")) {
            Object v = d.get(k);
            if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
                parts.add(k + " " + v);
            }
        }
        return String.join("; ", parts);
    }
}
