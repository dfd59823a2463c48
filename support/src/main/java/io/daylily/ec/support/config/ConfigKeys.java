package io.daylily.ec.support.config;

import io.daylily.ec.api.config.ConfigKey;
import io.daylily.ec.api.config.ConfigKey.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every config key daylily-ec knows (PARITY §2.6), each with its rule and the default offered when
 * neither the config nor the user gives one, in the order the bundled template lists them. The one
 * place a key's name is spelt: steps read values through these constants.
 */
public final class ConfigKeys {
    public static final ConfigKey S3_BUCKET_NAME = required("s3_bucket_name", "", Rules::bucket);
    public static final ConfigKey PUBLIC_SUBNET_ID = required("public_subnet_id", "", Rules::subnet);
    public static final ConfigKey PRIVATE_SUBNET_ID = required("private_subnet_id", "", Rules::subnet);
    public static final ConfigKey IAM_POLICY_ARN = required("iam_policy_arn", "", Rules::policyArn);
    public static final ConfigKey SSH_KEY_NAME = required("ssh_key_name", "", Rules::keyName);
    public static final ConfigKey CLUSTER_NAME = required("cluster_name", "", Rules::clusterName);
    public static final ConfigKey BUDGET_EMAIL = required("budget_email", "", Rules::email);
    public static final ConfigKey ALLOWED_BUDGET_USERS = required("allowed_budget_users", "ubuntu", Rules::users);
    public static final ConfigKey BUDGET_AMOUNT = required("budget_amount", "200", Rules::amount);
    public static final ConfigKey GLOBAL_ALLOWED_BUDGET_USERS = required("global_allowed_budget_users", "ubuntu", Rules::users);
    public static final ConfigKey GLOBAL_BUDGET_AMOUNT = required("global_budget_amount", "200", Rules::amount);
    public static final ConfigKey ENFORCE_BUDGET = required("enforce_budget", "skip", v -> Rules.oneOf(v, Rules.ENFORCE));
    /** The rule here is the path's syntax only; that the file exists is checked against the working directory. */
    public static final ConfigKey CLUSTER_TEMPLATE_YAML = required("cluster_template_yaml",
            "config/day_cluster/prod_cluster.yaml", Rule.ANY);
    public static final ConfigKey HEADNODE_INSTANCE_TYPE = required("headnode_instance_type", "r7i.2xlarge",
            Rules::instanceType);
    public static final ConfigKey FSX_FS_SIZE = required("fsx_fs_size", "4800", Rules::fsxSize);
    public static final ConfigKey ENABLE_DETAILED_MONITORING = required("enable_detailed_monitoring", "false",
            v -> Rules.oneOf(v, Rules.BOOLEAN));
    public static final ConfigKey DELETE_LOCAL_ROOT = required("delete_local_root", "true", v -> Rules.oneOf(v, Rules.BOOLEAN));
    public static final ConfigKey AUTO_DELETE_FSX = required("auto_delete_fsx", "Delete", v -> Rules.oneOf(v, Rules.FSX_POLICY));
    public static final ConfigKey HEARTBEAT_EMAIL = required("heartbeat_email", "", Rules::heartbeatEmail);
    public static final ConfigKey HEARTBEAT_SCHEDULE = required("heartbeat_schedule", "rate(60 minutes)", Rules::schedule);
    public static final ConfigKey HEARTBEAT_SCHEDULER_ROLE_ARN = required("heartbeat_scheduler_role_arn", "", Rules::roleArn);
    public static final ConfigKey SPOT_INSTANCE_ALLOCATION_STRATEGY = required("spot_instance_allocation_strategy",
            "price-capacity-optimized", v -> Rules.oneOf(v, Rules.STRATEGIES));
    public static final ConfigKey MAX_COUNT_8I = required("max_count_8I", "1", Rules::count);
    public static final ConfigKey MAX_COUNT_128I = required("max_count_128I", "1", Rules::count);
    public static final ConfigKey MAX_COUNT_192I = required("max_count_192I", "1", Rules::count);
    /** Optional: never added by write-back. */
    public static final ConfigKey AWS_PROFILE = new ConfigKey("aws_profile", false, "", Rule.ANY);

    /** Required keys in template order: missing ones are added to the user's file as {@code [PROMPTUSER, "", ""]}. */
    public static final List<ConfigKey> REQUIRED = List.of(S3_BUCKET_NAME, PUBLIC_SUBNET_ID, PRIVATE_SUBNET_ID,
            IAM_POLICY_ARN, SSH_KEY_NAME, CLUSTER_NAME, BUDGET_EMAIL, ALLOWED_BUDGET_USERS, BUDGET_AMOUNT,
            GLOBAL_ALLOWED_BUDGET_USERS, GLOBAL_BUDGET_AMOUNT, ENFORCE_BUDGET, CLUSTER_TEMPLATE_YAML,
            HEADNODE_INSTANCE_TYPE, FSX_FS_SIZE, ENABLE_DETAILED_MONITORING, DELETE_LOCAL_ROOT, AUTO_DELETE_FSX,
            HEARTBEAT_EMAIL, HEARTBEAT_SCHEDULE, HEARTBEAT_SCHEDULER_ROLE_ARN, SPOT_INSTANCE_ALLOCATION_STRATEGY,
            MAX_COUNT_8I, MAX_COUNT_128I, MAX_COUNT_192I);

    /** The names of {@link #REQUIRED}, in the same order. */
    public static final List<String> REQUIRED_NAMES = REQUIRED.stream().map(ConfigKey::name).toList();

    /** The three queue sizes' max-count keys, smallest first. */
    public static final List<ConfigKey> MAX_COUNTS = List.of(MAX_COUNT_8I, MAX_COUNT_128I, MAX_COUNT_192I);

    private static final Map<String, ConfigKey> BY_NAME;

    static {
        Map<String, ConfigKey> m = new LinkedHashMap<>();
        for (ConfigKey k : REQUIRED) {
            m.put(k.name(), k);
        }
        m.put(AWS_PROFILE.name(), AWS_PROFILE);
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private ConfigKeys() {
    }

    private static ConfigKey required(String name, String defaultValue, Rule rule) {
        return new ConfigKey(name, true, defaultValue, rule);
    }

    /** Every known key: the required ones in template order, then the optional ones. */
    public static List<ConfigKey> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The known key of that name, if any. */
    public static Optional<ConfigKey> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }

    /** Known keys close to {@code key} (edit distance ≤ 3 or case-insensitive match), for "did you mean". */
    public static List<String> suggestions(String key) {
        List<String> out = new ArrayList<>();
        for (String k : new java.util.TreeSet<>(BY_NAME.keySet())) {
            if (k.equalsIgnoreCase(key) || distance(k.toLowerCase(), key.toLowerCase()) <= 3) {
                out.add(k);
            }
        }
        return out;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
