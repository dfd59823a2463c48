package io.daylily.ec.steps.config;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code config.validate}: the config-validation gate (PARITY §6, §12; DECISIONS #11, #15, #16).
 * Every settled value is checked against its rule; each violation is a FAIL {@code config.<key>}
 * naming the key, the value and the rule. Runs before any AWS call, so a bad config never reaches AWS.
 */
public final class ValidateConfigStep implements Step {
    @Override
    public String id() {
        return "config.validate";
    }

    @Override
    public int order() {
        return Order.CONFIG + 20;
    }

    @Override
    public Set<String> pipelines() {
        return Set.of(Pipelines.CREATE, Pipelines.PREFLIGHT);
    }

    @Override
    public String description() {
        return "validate every config value (names, emails, schedule, counts, FSx size, enumerations)";
    }

    /** The rule of each key, in the order the checks are reported. */
    static Map<String, Function<String, Optional<String>>> rules(Path workDir, Map<String, String> env) {
        ValueResolver templateCheck = new ValueResolver(
                new io.daylily.ec.api.config.ConfigSnapshot("", List.of(), List.of()), null, env, workDir);
        Map<String, Function<String, Optional<String>>> r = new LinkedHashMap<>();
        r.put("cluster_name", Rules::clusterName);
        r.put("max_count_8I", Rules::count);
        r.put("max_count_128I", Rules::count);
        r.put("max_count_192I", Rules::count);
        r.put("s3_bucket_name", Rules::bucket);
        r.put("public_subnet_id", Rules::subnet);
        r.put("private_subnet_id", Rules::subnet);
        r.put("iam_policy_arn", Rules::policyArn);
        r.put("ssh_key_name", Rules::keyName);
        r.put("budget_email", Rules::email);
        r.put("global_allowed_budget_users", Rules::users);
        r.put("global_budget_amount", Rules::amount);
        r.put("allowed_budget_users", Rules::users);
        r.put("budget_amount", Rules::amount);
        r.put("enforce_budget", v -> Rules.oneOf(v, Rules.ENFORCE));
        r.put("cluster_template_yaml", templateCheck::templateExists);
        r.put("headnode_instance_type", Rules::instanceType);
        r.put("fsx_fs_size", Rules::fsxSize);
        r.put("enable_detailed_monitoring", v -> Rules.oneOf(v, Rules.BOOLEAN));
        r.put("delete_local_root", v -> Rules.oneOf(v, Rules.BOOLEAN));
        r.put("auto_delete_fsx", v -> Rules.oneOf(v, Rules.FSX_POLICY));
        r.put("heartbeat_email", Rules::heartbeatEmail);
        r.put("heartbeat_schedule", Rules::schedule);
        r.put("heartbeat_scheduler_role_arn", Rules::roleArn);
        r.put("spot_instance_allocation_strategy", v -> Rules.oneOf(v, Rules.STRATEGIES));
        return r;
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        ConfigValues values = ctx.require(ContextKeys.VALUES);
        String file = ctx.get(ContextKeys.CONFIG_FILE).orElse("the config file");
        int checked = 0;
        boolean anyFailed = false;
        for (Map.Entry<String, Function<String, Optional<String>>> e : rules(s.workDir(), s.env()).entrySet()) {
            Optional<String> value = values.get(e.getKey());
            if (value.isEmpty()) {
                continue;
            }
            checked++;
            Optional<String> error = e.getValue().apply(value.get());
            if (error.isPresent()) {
                anyFailed = true;
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("key", e.getKey());
                d.put("value", value.get());
                d.put("rule", error.get());
                s.events().check(CheckResult.fail("config." + e.getKey(), d, e.getKey() + " '" + value.get() + "' "
                        + error.get() + "; fix its set_value in " + file));
            }
        }
        if (!anyFailed) {
            s.events().check(CheckResult.pass("config.values", Map.of("checked", checked,
                    "cluster_name", values.getOrEmpty("cluster_name"))));
        }
        return ctx;
    }
}
