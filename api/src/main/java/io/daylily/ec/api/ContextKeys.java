package io.daylily.ec.api;

import io.daylily.ec.api.config.ConfigSnapshot;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.KeyPair;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.facts.ReferenceBucket;

/** The context keys that cross module boundaries. A plug-in declares its own keys in its own classes. */
public final class ContextKeys {
    /** The command being run ({@code create}, {@code preflight}, …). */
    public static final ContextKey<String> PIPELINE = ContextKey.of("pipeline", String.class);
    /** {@code --region-az}, e.g. {@code us-west-2b}. */
    public static final ContextKey<String> REGION_AZ = ContextKey.of("region_az", String.class);
    /** The region: always the AZ minus its last character when an AZ is given. */
    public static final ContextKey<String> REGION = ContextKey.of("region", String.class);
    /** The AWS profile (flag, config, then {@code AWS_PROFILE}); absent for the default chain. */
    public static final ContextKey<String> AWS_PROFILE = ContextKey.of("aws_profile", String.class);
    /** {@code --config} as given, if any. */
    public static final ContextKey<String> CONFIG_PATH = ContextKey.of("config_path", String.class);
    /** The config file actually used (absolute). */
    public static final ContextKey<String> CONFIG_FILE = ContextKey.of("config_file", String.class);
    public static final ContextKey<Boolean> PASS_ON_WARN = ContextKey.of("pass_on_warn", Boolean.class);
    public static final ContextKey<Boolean> NON_INTERACTIVE = ContextKey.of("non_interactive", Boolean.class);
    public static final ContextKey<Boolean> DEBUG = ContextKey.of("debug", Boolean.class);
    public static final ContextKey<RepoOverrides> REPO_OVERRIDES = ContextKey.of("repo_overrides", RepoOverrides.class);

    /** The loaded triplet config. */
    public static final ContextKey<ConfigSnapshot> CONFIG = ContextKey.of("config", ConfigSnapshot.class);
    /** Every config key's final value, as settled so far. */
    public static final ContextKey<ConfigValues> VALUES = ContextKey.of("values", ConfigValues.class);
    /** The validated cluster name. */
    public static final ContextKey<String> CLUSTER_NAME = ContextKey.of("cluster_name", String.class);

    /** From STS GetCallerIdentity. */
    public static final ContextKey<String> ACCOUNT_ID = ContextKey.of("account_id", String.class);
    public static final ContextKey<String> CALLER_ARN = ContextKey.of("caller_arn", String.class);
    /** The last {@code /} segment of the caller ARN (DECISIONS #4). */
    public static final ContextKey<String> USER_NAME = ContextKey.of("user_name", String.class);

    /** The selected key pair and its local PEM file (preflight; for the template and the login line). */
    public static final ContextKey<KeyPair> KEY_PAIR = ContextKey.of("key_pair", KeyPair.class);
    /** The selected reference bucket (preflight; for the verifier, the template and the tags file). */
    public static final ContextKey<ReferenceBucket> REFERENCE_BUCKET = ContextKey.of("reference_bucket", ReferenceBucket.class);
    /** The subnets of the cluster (preflight's tagged pair, or the baseline stack's outputs from infra). */
    public static final ContextKey<Network> NETWORK = ContextKey.of("network", Network.class);
    /** The heartbeat to wire (settled by the config phase; the scheduler role added by infra). */
    /** The policy the cluster's nodes get: config, preflight choice, or the baseline stack's (issue #28). */
    public static final ContextKey<io.daylily.ec.api.facts.ClusterPolicy> CLUSTER_POLICY = ContextKey.of("cluster_policy",
            io.daylily.ec.api.facts.ClusterPolicy.class);
    public static final ContextKey<HeartbeatSettings> HEARTBEAT = ContextKey.of("heartbeat", HeartbeatSettings.class);
    /** True when preflight found neither public nor private subnet in the AZ: infra creates the baseline stack. */
    public static final ContextKey<Boolean> BASELINE_STACK_NEEDED = ContextKey.of("baseline_stack_needed", Boolean.class);
    /**
     * {@code infra ensure-network --update}: update an existing COMPLETE baseline stack from the bundled
     * template (without it, such a stack's outputs are taken as they are).
     */
    public static final ContextKey<Boolean> NETWORK_UPDATE = ContextKey.of("network_update", Boolean.class);
    /** The customer-managed IAM policies preflight found (listed once per run). */
    public static final ContextKey<IamPolicies> IAM_POLICIES = ContextKey.of("iam_policies", IamPolicies.class);

    /** The baseline network stack's name, once infra has touched or confirmed it. */
    public static final ContextKey<String> CFN_STACK_NAME = ContextKey.of("cfn_stack_name", String.class);
    /** What the run created or changed in AWS so far ({@link AwsChanges}). */
    public static final ContextKey<AwsChanges> AWS_CHANGES = ContextKey.of("aws_changes", AwsChanges.class);
    /** Budget names, once confirmed to exist (created or found). */
    public static final ContextKey<String> GLOBAL_BUDGET_NAME = ContextKey.of("global_budget_name", String.class);
    public static final ContextKey<String> CLUSTER_BUDGET_NAME = ContextKey.of("cluster_budget_name", String.class);

    /** {@code infra bootstrap-*}: the IAM user to give the Daylily policies. */
    public static final ContextKey<String> BOOTSTRAP_USER = ContextKey.of("bootstrap_user", String.class);
    /** {@code infra bootstrap-*}: the IAM group the user joins ({@code --group}; default daylily-ephemeral-cluster). */
    public static final ContextKey<String> BOOTSTRAP_GROUP = ContextKey.of("bootstrap_group", String.class);
    /** {@code infra bootstrap-*}: a policy document file (JSON) replacing the shipped one of the Daylily policy. */
    public static final ContextKey<String> BOOTSTRAP_POLICY_FILE = ContextKey.of("bootstrap_policy_file", String.class);
    /** {@code infra bootstrap-region}: a document replacing the shipped {@code DaylilyPClusterLambdaAdjustRoles}. */
    public static final ContextKey<String> BOOTSTRAP_LAMBDA_POLICY_FILE = ContextKey.of("bootstrap_lambda_policy_file", String.class);

    /** The rendered cluster template (before spot prices): {@code <cluster>_init_template_<ts>.yaml}. */
    public static final ContextKey<String> INIT_TEMPLATE_PATH = ContextKey.of("init_template_path", String.class);
    /** The final cluster YAML given to {@code pcluster}: {@code <cluster>_cluster_<ts>.yaml}. */
    public static final ContextKey<String> CLUSTER_YAML_PATH = ContextKey.of("cluster_yaml_path", String.class);
    /** From {@code pcluster describe-cluster} once the cluster is CREATE_COMPLETE. */
    public static final ContextKey<String> HEAD_NODE_IP = ContextKey.of("head_node_ip", String.class);
    public static final ContextKey<String> HEAD_NODE_INSTANCE_ID = ContextKey.of("head_node_instance_id", String.class);
    /** The cluster's final status as last read from {@code pcluster}. */
    public static final ContextKey<String> CLUSTER_STATUS = ContextKey.of("cluster_status", String.class);
    /** True once this run's {@code pcluster create-cluster} was accepted (the wait starts at the beginning of the work). */
    public static final ContextKey<Boolean> CLUSTER_CREATE_ACCEPTED = ContextKey.of("cluster_create_accepted", Boolean.class);

    /** Heartbeat resources once wired (state fields of the same names). */
    public static final ContextKey<String> HEARTBEAT_TOPIC_ARN = ContextKey.of("heartbeat_topic_arn", String.class);
    public static final ContextKey<String> HEARTBEAT_SCHEDULE_NAME = ContextKey.of("heartbeat_schedule_name", String.class);
    public static final ContextKey<String> HEARTBEAT_ROLE_ARN = ContextKey.of("heartbeat_role_arn", String.class);
    /** The line that logs in to the head node ({@code ssh -i <pem> ubuntu@<ip>}). */
    public static final ContextKey<String> LOGIN_COMMAND = ContextKey.of("login_command", String.class);

    /** {@code drift}: the state file to compare with AWS. */
    public static final ContextKey<String> STATE_FILE = ContextKey.of("state_file", String.class);

    /** {@code delete --yes}: no confirmation. */
    public static final ContextKey<Boolean> ASSUME_YES = ContextKey.of("assume_yes", Boolean.class);
    /** {@code delete --dry-run}: report, change nothing. */
    public static final ContextKey<Boolean> DRY_RUN = ContextKey.of("dry_run", Boolean.class);

    /** {@code plan}: what a create would do, resource by resource (issue #20). */
    public static final ContextKey<io.daylily.ec.api.plan.Plan> PLAN = ContextKey.of("plan", io.daylily.ec.api.plan.Plan.class);
    /**
     * {@code plan}: the hourly cost of the spot queues at full scale and what the cluster budget buys of it
     * ({@code max_hourly_usd}, {@code budget_usd}, {@code budget_hours}, {@code not_included}), from the prices the run read.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ContextKey<java.util.Map<String, Object>> COST = (ContextKey) ContextKey.of("cost", java.util.Map.class);

    /** The {@code spot-market} command's document (docs/spot-market.md): every AZ's queue prices and placement scores, best first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ContextKey<java.util.Map<String, Object>> SPOT_MARKET = (ContextKey) ContextKey.of("spot_market", java.util.Map.class);

    private ContextKeys() {
    }
}
