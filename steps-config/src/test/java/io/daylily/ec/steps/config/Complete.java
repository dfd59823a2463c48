package io.daylily.ec.steps.config;

/** A config whose every key has a set value: resolves with no prompt. */
final class Complete {
    static final String BODY = """
                s3_bucket_name: [USESETVALUE, "", "bucket-a"]
                public_subnet_id: [USESETVALUE, "", "subnet-0123abcd"]
                private_subnet_id: [USESETVALUE, "", "subnet-0456abcd"]
                iam_policy_arn: [USESETVALUE, "", "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget"]
                ssh_key_name: [USESETVALUE, "", "lab-omics-key"]
                cluster_name: [USESETVALUE, "dflt-cluster", "lab-cluster"]
                budget_email: [USESETVALUE, "", "ops@example.com"]
                allowed_budget_users: [USESETVALUE, "ubuntu", "ubuntu,alice"]
                budget_amount: [USESETVALUE, "200", "250"]
                global_allowed_budget_users: [USESETVALUE, "ubuntu", "ubuntu"]
                global_budget_amount: [USESETVALUE, "200", "1000"]
                enforce_budget: [USESETVALUE, "skip", "enforce"]
                cluster_template_yaml: [USESETVALUE, "", "config/day_cluster/prod_cluster.yaml"]
                headnode_instance_type: [USESETVALUE, "", "r7i.4xlarge"]
                fsx_fs_size: [USESETVALUE, "", "7200"]
                enable_detailed_monitoring: [USESETVALUE, "", "false"]
                delete_local_root: [USESETVALUE, "", "false"]
                auto_delete_fsx: [USESETVALUE, "", "Retain"]
                heartbeat_email: [USESETVALUE, "", "hb@example.com"]
                heartbeat_schedule: [USESETVALUE, "", "rate(4 hours)"]
                heartbeat_scheduler_role_arn: [USESETVALUE, "", "arn:aws:iam::123456789012:role/eventbridge-scheduler-to-sns"]
                spot_instance_allocation_strategy: [USESETVALUE, "", "lowest-price"]
                max_count_8I: [USESETVALUE, "1", "2"]
                max_count_128I: [USESETVALUE, "1", "3"]
                max_count_192I: [USESETVALUE, "1", "4"]
            """;

    static String file() {
        return "# complete config\nephemeral_cluster:\n  config:\n" + BODY
                + "  template_defaults:\n    fsx_fs_size: \"7200\"\n";
    }

    private Complete() {
    }
}
