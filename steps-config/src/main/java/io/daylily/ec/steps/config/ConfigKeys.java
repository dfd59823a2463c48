package io.daylily.ec.steps.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The config keys daylily-ec knows (PARITY §2.6), in the order the bundled template lists them. */
public final class ConfigKeys {
    /** Required keys: missing ones are added to the user's file as {@code [PROMPTUSER, "", ""]}. */
    public static final List<String> REQUIRED = List.of(
            "s3_bucket_name", "public_subnet_id", "private_subnet_id", "iam_policy_arn", "ssh_key_name",
            "cluster_name", "budget_email", "allowed_budget_users", "budget_amount",
            "global_allowed_budget_users", "global_budget_amount", "enforce_budget", "cluster_template_yaml",
            "headnode_instance_type", "fsx_fs_size", "enable_detailed_monitoring", "delete_local_root",
            "auto_delete_fsx", "heartbeat_email", "heartbeat_schedule", "heartbeat_scheduler_role_arn",
            "spot_instance_allocation_strategy", "max_count_8I", "max_count_128I", "max_count_192I");

    /** Known but optional keys: never added by write-back. */
    public static final List<String> OPTIONAL = List.of("aws_profile");

    public static final Set<String> KNOWN;

    static {
        Set<String> k = new TreeSet<>(REQUIRED);
        k.addAll(OPTIONAL);
        KNOWN = java.util.Collections.unmodifiableSet(k);
    }

    private ConfigKeys() {
    }

    /** Known keys close to {@code key} (edit distance ≤ 3 or case-insensitive match), for "did you mean". */
    public static List<String> suggestions(String key) {
        List<String> out = new ArrayList<>();
        for (String k : KNOWN) {
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
