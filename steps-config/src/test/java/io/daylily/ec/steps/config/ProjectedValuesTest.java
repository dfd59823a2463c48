package io.daylily.ec.steps.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.ClusterPolicy;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.KeyPair;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.facts.ReferenceBucket;
import io.daylily.ec.support.config.ConfigKeys;
import org.junit.jupiter.api.Test;

/** Issue #28: what later phases settle lives in their records; the artifacts project it onto the config values. */
class ProjectedValuesTest {
    private static final ConfigValues CONFIG = ConfigValues.empty().with(ConfigKeys.BUDGET_AMOUNT, "200")
            .with(ConfigKeys.S3_BUCKET_NAME, "").with(ConfigKeys.IAM_POLICY_ARN, "arn:configured");

    @Test
    void eachRecordBecomesItsConfigValueAndTheRestIsTheConfigPhases() {
        RunContext ctx = RunContext.empty("1").with(ContextKeys.VALUES, CONFIG)
                .with(ContextKeys.REFERENCE_BUCKET, new ReferenceBucket("lab-omics-analysis-us-west-2"))
                .with(ContextKeys.KEY_PAIR, new KeyPair("lab-key", "/home/u/.ssh/lab-key.pem"))
                .with(ContextKeys.NETWORK, new Network("vpc-1", "subnet-pub", "subnet-priv"))
                .with(ContextKeys.CLUSTER_POLICY, new ClusterPolicy("arn:from-the-stack"))
                .with(ContextKeys.HEARTBEAT, new HeartbeatSettings("hb@b.com", "rate(1 hour)", "arn:role"));
        ConfigValues v = ConfigArtifactsStep.projected(ctx);
        assertEquals("lab-omics-analysis-us-west-2", v.getOrEmpty(ConfigKeys.S3_BUCKET_NAME));
        assertEquals("lab-key", v.getOrEmpty(ConfigKeys.SSH_KEY_NAME));
        assertEquals("subnet-pub", v.getOrEmpty(ConfigKeys.PUBLIC_SUBNET_ID));
        assertEquals("subnet-priv", v.getOrEmpty(ConfigKeys.PRIVATE_SUBNET_ID));
        assertEquals("arn:from-the-stack", v.getOrEmpty(ConfigKeys.IAM_POLICY_ARN));
        assertEquals("arn:role", v.getOrEmpty(ConfigKeys.HEARTBEAT_SCHEDULER_ROLE_ARN));
        assertEquals("200", v.getOrEmpty(ConfigKeys.BUDGET_AMOUNT));
    }

    @Test
    void withoutARecordTheConfigValueStays() {
        ConfigValues v = ConfigArtifactsStep.projected(RunContext.empty("1").with(ContextKeys.VALUES, CONFIG));
        assertEquals(CONFIG, v);
    }

    @Test
    void theConfigPhasePublishesTheClusterPolicyOnlyWhenTheConfigSetsOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path set = java.nio.file.Files.writeString(dir.resolve("set.yaml"), Complete.file());
        java.nio.file.Path unset = java.nio.file.Files.writeString(dir.resolve("unset.yaml"), Complete.file()
                .replace("iam_policy_arn: [USESETVALUE, \"\", \"arn:aws:iam::123456789012:policy/pclusterTagsAndBudget\"]",
                        "iam_policy_arn: [USESETVALUE, \"\", \"\"]"));
        io.daylily.ec.api.testing.TestServices s = io.daylily.ec.api.testing.TestServices.builder(dir).workDir(dir)
                .env("HOME", dir.toString()).env("AWS_PROFILE", "lab").build();
        for (java.nio.file.Path f : java.util.List.of(set, unset)) {
            RunContext ctx = new LoadConfigStep().run(RunContext.empty("1").with(ContextKeys.PIPELINE, "create")
                    .with(ContextKeys.CONFIG_PATH, f.toString()), s);
            RunContext out = new ResolveValuesStep().run(ctx, s);
            assertEquals(f == set ? java.util.Optional.of(new ClusterPolicy("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget"))
                    : java.util.Optional.empty(), out.get(ContextKeys.CLUSTER_POLICY), f.toString());
        }
    }
}
