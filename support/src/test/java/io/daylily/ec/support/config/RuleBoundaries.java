package io.daylily.ec.support.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The boundary table of every config rule: the last accepted and the first refused value on each
 * side. Judged here against each key's rule, and in steps-config through the validation gate.
 */
public final class RuleBoundaries {
    private RuleBoundaries() {
    }

    public static final String OK = "accepted";
    public static final String NO = "refused";

    private static Arguments row(String key, String value, String outcome) {
        return Arguments.of(key, value, outcome);
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    /** (key, value, {@link #OK} or {@link #NO}) for every rule's boundaries. */
    public static Stream<Arguments> boundaries() {
        List<Arguments> r = new ArrayList<>();
        // cluster name: ^[A-Za-z][A-Za-z0-9-]{1,24}$ (ParallelCluster's rule, DECISIONS #11)
        r.add(row("cluster_name", "ab", OK));
        r.add(row("cluster_name", "a", NO));
        r.add(row("cluster_name", "", NO));
        r.add(row("cluster_name", "a" + repeat('b', 24), OK));
        r.add(row("cluster_name", "a" + repeat('b', 25), NO));
        for (String first : new String[] {"A", "Z", "a", "z"}) {
            r.add(row("cluster_name", first + "1", OK));
        }
        for (String first : new String[] {"@", "[", "`", "{", "0", "9", "-"}) {
            r.add(row("cluster_name", first + "a", NO));
        }
        for (String body : new String[] {"0", "9", "-", "A", "Z", "a", "z"}) {
            r.add(row("cluster_name", "a" + body, OK));
        }
        for (String body : new String[] {"/", ":", "_", "@", "[", "`", "{", ".", " ", "é"}) {
            r.add(row("cluster_name", "a" + body, NO));
        }
        // emails (budget and heartbeat)
        for (String key : new String[] {"budget_email", "heartbeat_email"}) {
            r.add(row(key, "a@b.co", OK));
            r.add(row(key, "a@b.c", NO));
            r.add(row(key, "a.b_c%d+e-f@x-y.example.io", OK));
            r.add(row(key, "a b@x.io", NO));
            r.add(row(key, "ax.io", NO));
            r.add(row(key, "a@b.c1", NO));
            r.add(row(key, "@b.co", NO));
        }
        r.add(row("heartbeat_email", "skip", OK));
        r.add(row("heartbeat_email", "skipp", NO));
        r.add(row("heartbeat_email", "Skip", NO));
        r.add(row("budget_email", "skip", NO));
        // heartbeat schedule: rate(<n> unit) with n >= 1 (singular for 1), or a six-field cron
        r.add(row("heartbeat_schedule", "rate(1 minute)", OK));
        r.add(row("heartbeat_schedule", "rate(1 minutes)", NO));
        r.add(row("heartbeat_schedule", "rate(2 minutes)", OK));
        r.add(row("heartbeat_schedule", "rate(2 minute)", NO));
        r.add(row("heartbeat_schedule", "rate(0 minutes)", NO));
        r.add(row("heartbeat_schedule", "rate(0 minute)", NO));
        r.add(row("heartbeat_schedule", "rate(1 hour)", OK));
        r.add(row("heartbeat_schedule", "rate(4 hours)", OK));
        r.add(row("heartbeat_schedule", "rate(1 day)", OK));
        r.add(row("heartbeat_schedule", "rate(7 days)", OK));
        r.add(row("heartbeat_schedule", "rate(60 minutes)", OK));
        r.add(row("heartbeat_schedule", "rate(60 seconds)", NO));
        r.add(row("heartbeat_schedule", "rate(-5 minutes)", NO));
        r.add(row("heartbeat_schedule", "rate()", NO));
        r.add(row("heartbeat_schedule", "rate(x)", NO));
        r.add(row("heartbeat_schedule", "RATE(1 hour)", NO));
        r.add(row("heartbeat_schedule", "every hour", NO));
        r.add(row("heartbeat_schedule", "cron(0 12 * * ? *)", OK));
        r.add(row("heartbeat_schedule", "cron(0 12 * * ?)", NO));
        r.add(row("heartbeat_schedule", "cron(0 12 * * ? * *)", NO));
        r.add(row("heartbeat_schedule", "cron()", NO));
        // max counts: 1 (ParallelCluster's MaxCount minimum) to 999999
        for (String key : new String[] {"max_count_8I", "max_count_128I", "max_count_192I"}) {
            r.add(row(key, "1", OK));
            r.add(row(key, "0", NO));
            r.add(row(key, "999999", OK));
            r.add(row(key, "1000000", NO));
            r.add(row(key, "-1", NO));
            r.add(row(key, "1.5", NO));
            r.add(row(key, "", NO));
        }
        // amounts: positive USD, at most 12 characters
        for (String key : new String[] {"budget_amount", "global_budget_amount"}) {
            r.add(row(key, "0.01", OK));
            r.add(row(key, "0", NO));
            r.add(row(key, "0.00", NO));
            r.add(row(key, "1", OK));
            r.add(row(key, "250.50", OK));
            r.add(row(key, "123456789012", OK));
            r.add(row(key, "1234567890123", NO));
            r.add(row(key, "1.", NO));
            r.add(row(key, ".5", NO));
            r.add(row(key, "-5", NO));
            r.add(row(key, "1e3", NO));
        }
        // FSx for Lustre: 1200, 2400 or a multiple of 2400, at most 7 digits
        for (String v : new String[] {"1200", "2400", "4800", "7200", "9998400"}) {
            r.add(row("fsx_fs_size", v, OK));
        }
        for (String v : new String[] {"1199", "1201", "2399", "2401", "3600", "0", "-2400", "12000000", "abc", ""}) {
            r.add(row("fsx_fs_size", v, NO));
        }
        // enumerations, exact and case-sensitive
        r.add(row("enforce_budget", "skip", OK));
        r.add(row("enforce_budget", "enforce", OK));
        r.add(row("enforce_budget", "Enforce", NO));
        r.add(row("enforce_budget", "", NO));
        for (String key : new String[] {"enable_detailed_monitoring", "delete_local_root"}) {
            r.add(row(key, "true", OK));
            r.add(row(key, "false", OK));
            r.add(row(key, "True", NO));
            r.add(row(key, "yes", NO));
        }
        r.add(row("auto_delete_fsx", "Retain", OK));
        r.add(row("auto_delete_fsx", "Delete", OK));
        r.add(row("auto_delete_fsx", "delete", NO));
        for (String s : Rules.STRATEGIES) {
            r.add(row("spot_instance_allocation_strategy", s, OK));
        }
        r.add(row("spot_instance_allocation_strategy", "lowest", NO));
        r.add(row("spot_instance_allocation_strategy", "capacity-optimized-prioritized", NO));
        // policy and role ARNs: a 12-digit account (or "aws" for a managed policy)
        r.add(row("iam_policy_arn", "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget", OK));
        r.add(row("iam_policy_arn", "arn:aws:iam::aws:policy/ReadOnlyAccess", OK));
        r.add(row("iam_policy_arn", "arn:aws-cn:iam::123456789012:policy/p", OK));
        r.add(row("iam_policy_arn", "arn:aws:iam::12345678901:policy/p", NO));
        r.add(row("iam_policy_arn", "arn:aws:iam::1234567890123:policy/p", NO));
        r.add(row("iam_policy_arn", "arn:aws:iam::123456789012:role/p", NO));
        r.add(row("iam_policy_arn", "arn:aws:iam::123456789012:policy/", NO));
        r.add(row("heartbeat_scheduler_role_arn", "arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns", OK));
        r.add(row("heartbeat_scheduler_role_arn", "arn:aws:iam::123456789012:role/path/r", OK));
        r.add(row("heartbeat_scheduler_role_arn", "arn:aws:iam::aws:role/r", NO));
        r.add(row("heartbeat_scheduler_role_arn", "arn:aws:iam::12345678901:role/r", NO));
        r.add(row("heartbeat_scheduler_role_arn", "arn:aws:iam::1234567890123:role/r", NO));
        r.add(row("heartbeat_scheduler_role_arn", "arn:aws:iam::123456789012:policy/r", NO));
        // instance type: family.size, lower case
        r.add(row("headnode_instance_type", "r7i.2xlarge", OK));
        r.add(row("headnode_instance_type", "a.b", OK));
        r.add(row("headnode_instance_type", "u-6tb1.metal", OK));
        r.add(row("headnode_instance_type", "R7i.2xlarge", NO));
        r.add(row("headnode_instance_type", "r7i", NO));
        r.add(row("headnode_instance_type", "r7i.", NO));
        r.add(row("headnode_instance_type", "7i.2xlarge", NO));
        r.add(row("headnode_instance_type", "r7i.2xlarge.x", NO));
        // key pair name: 1-255 printable ASCII
        r.add(row("ssh_key_name", "k", OK));
        r.add(row("ssh_key_name", "", NO));
        r.add(row("ssh_key_name", repeat('k', 255), OK));
        r.add(row("ssh_key_name", repeat('k', 256), NO));
        r.add(row("ssh_key_name", "a b", OK));
        r.add(row("ssh_key_name", "~", OK));
        r.add(row("ssh_key_name", "a\u007f", NO));
        r.add(row("ssh_key_name", "a\u001f", NO));
        r.add(row("ssh_key_name", "omics-é", NO));
        // subnets: subnet- and 8 to 17 lower-case hex digits
        for (String key : new String[] {"public_subnet_id", "private_subnet_id"}) {
            r.add(row(key, "subnet-0123abcd", OK));
            r.add(row(key, "subnet-0123abc", NO));
            r.add(row(key, "subnet-0123456789abcdef0", OK));
            r.add(row(key, "subnet-0123456789abcdef01", NO));
            r.add(row(key, "subnet-0123ABCD", NO));
            r.add(row(key, "subnet-0123abcg", NO));
            r.add(row(key, "sn-0123abcd", NO));
        }
        // bucket: 3-63 characters, lower case, no '..', letter or digit at both ends
        r.add(row("s3_bucket_name", "abc", OK));
        r.add(row("s3_bucket_name", "ab", NO));
        r.add(row("s3_bucket_name", "a" + repeat('b', 62), OK));
        r.add(row("s3_bucket_name", "a" + repeat('b', 63), NO));
        r.add(row("s3_bucket_name", "a.b-c", OK));
        r.add(row("s3_bucket_name", "a..b", NO));
        r.add(row("s3_bucket_name", "-ab", NO));
        r.add(row("s3_bucket_name", "ab-", NO));
        r.add(row("s3_bucket_name", "Abc", NO));
        // budget users: comma-separated names, spaces around a name trimmed (issue #18), no empty names
        for (String key : new String[] {"allowed_budget_users", "global_allowed_budget_users"}) {
            r.add(row(key, "ubuntu", OK));
            r.add(row(key, "ubuntu,alice.b_c-d", OK));
            r.add(row(key, "ubuntu, alice", OK));
            r.add(row(key, " ubuntu ,alice ", OK));
            r.add(row(key, "ubuntu, ", NO));
            r.add(row(key, "ubuntu,al ice", NO));
            r.add(row(key, " ", NO));
            r.add(row(key, "a,,b", NO));
            r.add(row(key, "a,", NO));
            r.add(row(key, ",a", NO));
            r.add(row(key, "", NO));
        }
        return r.stream();
    }
}
