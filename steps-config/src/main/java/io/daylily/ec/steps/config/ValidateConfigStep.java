package io.daylily.ec.steps.config;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.Step;
import io.daylily.ec.api.StepServices;
import io.daylily.ec.api.config.ConfigKey;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.support.config.ConfigKeys;
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

    /** The keys in the order their checks are reported. */
    static final List<ConfigKey> ORDER = List.of(ConfigKeys.CLUSTER_NAME, ConfigKeys.MAX_COUNT_8I,
            ConfigKeys.MAX_COUNT_128I, ConfigKeys.MAX_COUNT_192I, ConfigKeys.S3_BUCKET_NAME, ConfigKeys.PUBLIC_SUBNET_ID,
            ConfigKeys.PRIVATE_SUBNET_ID, ConfigKeys.IAM_POLICY_ARN, ConfigKeys.SSH_KEY_NAME, ConfigKeys.BUDGET_EMAIL,
            ConfigKeys.GLOBAL_ALLOWED_BUDGET_USERS, ConfigKeys.GLOBAL_BUDGET_AMOUNT, ConfigKeys.ALLOWED_BUDGET_USERS,
            ConfigKeys.BUDGET_AMOUNT, ConfigKeys.ENFORCE_BUDGET, ConfigKeys.CLUSTER_TEMPLATE_YAML,
            ConfigKeys.HEADNODE_INSTANCE_TYPE, ConfigKeys.FSX_FS_SIZE, ConfigKeys.ENABLE_DETAILED_MONITORING,
            ConfigKeys.DELETE_LOCAL_ROOT, ConfigKeys.AUTO_DELETE_FSX, ConfigKeys.HEARTBEAT_EMAIL,
            ConfigKeys.HEARTBEAT_SCHEDULE, ConfigKeys.HEARTBEAT_SCHEDULER_ROLE_ARN,
            ConfigKeys.SPOT_INSTANCE_ALLOCATION_STRATEGY);

    /**
     * The rule of each key, in the order the checks are reported: the catalogue's rule, except the
     * cluster template, whose file must exist relative to the working directory.
     */
    static Map<ConfigKey, Function<String, Optional<String>>> rules(Path workDir, Map<String, String> env) {
        ValueResolver templateCheck = new ValueResolver(
                new io.daylily.ec.api.config.ConfigSnapshot("", List.of(), List.of()), null, env, workDir);
        Map<ConfigKey, Function<String, Optional<String>>> r = new LinkedHashMap<>();
        for (ConfigKey k : ORDER) {
            r.put(k, k == ConfigKeys.CLUSTER_TEMPLATE_YAML ? templateCheck::templateExists : k.rule()::check);
        }
        return r;
    }

    @Override
    public RunContext run(RunContext ctx, StepServices s) {
        ConfigValues values = ctx.require(ContextKeys.VALUES);
        String file = ctx.get(ContextKeys.CONFIG_FILE).orElse("the config file");
        int checked = 0;
        boolean anyFailed = false;
        for (Map.Entry<ConfigKey, Function<String, Optional<String>>> e : rules(s.workDir(), s.env()).entrySet()) {
            Optional<String> value = values.get(e.getKey());
            if (value.isEmpty()) {
                continue;
            }
            checked++;
            Optional<String> error = e.getValue().apply(value.get());
            if (error.isPresent()) {
                anyFailed = true;
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("key", e.getKey().name());
                d.put("value", value.get());
                d.put("rule", error.get());
                s.events().check(CheckResult.fail("config." + e.getKey().name(), d, e.getKey().name() + " '" + value.get() + "' "
                        + error.get() + "; fix its set_value in " + file));
            }
        }
        if (!anyFailed) {
            s.events().check(CheckResult.pass("config.values", Map.of("checked", checked,
                    "cluster_name", values.getOrEmpty(ConfigKeys.CLUSTER_NAME))));
        }
        return ctx;
    }
}
