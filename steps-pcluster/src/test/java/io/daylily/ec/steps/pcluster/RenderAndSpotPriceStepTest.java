package io.daylily.ec.steps.pcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.DaylilyException;
import io.daylily.ec.api.Order;
import io.daylily.ec.api.Pipelines;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.facts.HeartbeatSettings;
import io.daylily.ec.api.facts.KeyPair;
import io.daylily.ec.api.facts.Network;
import io.daylily.ec.api.facts.ReferenceBucket;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/** The production wiring of {@code pcluster.render} and {@code pcluster.spot_prices}, tested where it lives. */
class RenderAndSpotPriceStepTest {
    @TempDir
    Path dir;

    /** Every config value distinct, so a token that takes another key's value is seen. */
    static ConfigValues values() {
        return ConfigValues.empty().with(ConfigKeys.PUBLIC_SUBNET_ID, "subnet-0pub").with(ConfigKeys.PRIVATE_SUBNET_ID, "subnet-0priv")
                .with(ConfigKeys.SSH_KEY_NAME, "lab-omics").with(ConfigKeys.S3_BUCKET_NAME, "lab-bucket")
                .with(ConfigKeys.IAM_POLICY_ARN, "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget").with(ConfigKeys.FSX_FS_SIZE, "4800")
                .with(ConfigKeys.ENABLE_DETAILED_MONITORING, "false").with(ConfigKeys.DELETE_LOCAL_ROOT, "true").with(ConfigKeys.AUTO_DELETE_FSX, "Retain")
                .with(ConfigKeys.ENFORCE_BUDGET, "enforce").with(ConfigKeys.SPOT_INSTANCE_ALLOCATION_STRATEGY, "lowest-price")
                .with(ConfigKeys.MAX_COUNT_8I, "8").with(ConfigKeys.MAX_COUNT_128I, "128").with(ConfigKeys.MAX_COUNT_192I, "192")
                .with(ConfigKeys.HEADNODE_INSTANCE_TYPE, "r7i.4xlarge").with(ConfigKeys.HEARTBEAT_EMAIL, "hb@example.com")
                .with(ConfigKeys.HEARTBEAT_SCHEDULE, "rate(2 hours)")
                .with(ConfigKeys.HEARTBEAT_SCHEDULER_ROLE_ARN, "arn:aws:iam::123456789012:role/hb")
                .with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "t.yaml");
    }

    /** The context the earlier phases leave: the values, and the records their producers settle from them. */
    static RunContext ctx(ConfigValues v) {
        RunContext c = RunContext.empty("20260211120000").with(ContextKeys.VALUES, v).with(ContextKeys.CLUSTER_NAME, "c1")
                .with(ContextKeys.REGION_AZ, "us-west-2b").with(ContextKeys.REGION, "us-west-2")
                .with(ContextKeys.USER_NAME, "alice").with(ContextKeys.AWS_PROFILE, "lab")
                .with(ContextKeys.HEARTBEAT, new HeartbeatSettings(v.getOrEmpty(ConfigKeys.HEARTBEAT_EMAIL),
                        v.getOrEmpty(ConfigKeys.HEARTBEAT_SCHEDULE), v.getOrEmpty(ConfigKeys.HEARTBEAT_SCHEDULER_ROLE_ARN)));
        if (!v.getOrEmpty(ConfigKeys.PUBLIC_SUBNET_ID).isEmpty() && !v.getOrEmpty(ConfigKeys.PRIVATE_SUBNET_ID).isEmpty()) {
            c = c.with(ContextKeys.NETWORK, new Network("vpc-1", v.getOrEmpty(ConfigKeys.PUBLIC_SUBNET_ID),
                    v.getOrEmpty(ConfigKeys.PRIVATE_SUBNET_ID)));
        }
        if (!v.getOrEmpty(ConfigKeys.S3_BUCKET_NAME).isEmpty()) {
            c = c.with(ContextKeys.REFERENCE_BUCKET, new ReferenceBucket(v.getOrEmpty(ConfigKeys.S3_BUCKET_NAME)));
        }
        if (!v.getOrEmpty(ConfigKeys.SSH_KEY_NAME).isEmpty()) {
            c = c.with(ContextKeys.KEY_PAIR, new KeyPair(v.getOrEmpty(ConfigKeys.SSH_KEY_NAME), "/home/u/.ssh/x.pem"));
        }
        if (!v.getOrEmpty(ConfigKeys.IAM_POLICY_ARN).isEmpty()) {
            c = c.with(ContextKeys.CLUSTER_POLICY, new io.daylily.ec.api.facts.ClusterPolicy(v.getOrEmpty(ConfigKeys.IAM_POLICY_ARN)));
        }
        return c;
    }

    @Test
    void theirPlaceInThePlan() {
        assertEquals("pcluster.render", new RenderStep().id());
        assertEquals(Order.PCLUSTER, new RenderStep().order());
        assertEquals(Set.of(Pipelines.CREATE, Pipelines.PLAN), new RenderStep().pipelines());
        assertFalse(new RenderStep().description().isBlank());
        assertEquals("pcluster.spot_prices", new SpotPriceStep().id());
        assertEquals(Order.PCLUSTER + 10, new SpotPriceStep().order());
        assertEquals(Set.of(Pipelines.CREATE, Pipelines.PLAN), new SpotPriceStep().pipelines());
        assertFalse(new SpotPriceStep().description().isBlank());
    }

    @Test
    void everyTokenMapsToItsOwnValue() {
        Map<String, String> m = RenderStep.values(ctx(values()), Map.of("USER", "ubuntu"));
        assertEquals(new TreeSet<>(Renderer.TOKENS), m.keySet(), "a value for each of the 26 tokens, no other");
        Map<String, String> expected = new HashMap<>();
        expected.put("REGSUB_REGION", "us-west-2");
        expected.put("REGSUB_PUB_SUBNET", "subnet-0pub");
        expected.put("REGSUB_PRIVATE_SUBNET", "subnet-0priv");
        expected.put("REGSUB_KEYNAME", "lab-omics");
        expected.put("REGSUB_S3_BUCKET_INIT", "s3://lab-bucket");
        expected.put("REGSUB_S3_BUCKET_NAME", "lab-bucket");
        expected.put("REGSUB_S3_BUCKET_REF", "s3://lab-bucket");
        expected.put("REGSUB_S3_IAM_POLICY", "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget");
        expected.put("REGSUB_FSX_SIZE", "4800");
        expected.put("REGSUB_DETAILED_MONITORING", "false");
        expected.put("REGSUB_CLUSTER_NAME", "c1");
        expected.put("REGSUB_USERNAME", "ubuntu-alice");
        expected.put("REGSUB_PROJECT", "da-us-west-2b-c1");
        expected.put("REGSUB_DELETE_LOCAL_ROOT", "true");
        expected.put("REGSUB_SAVE_FSX", "Retain");
        expected.put("REGSUB_ENFORCE_BUDGET", "enforce");
        expected.put("REGSUB_AWS_ACCOUNT_ID", "aws_profile-lab");
        expected.put("REGSUB_ALLOCATION_STRATEGY", "lowest-price");
        expected.put("REGSUB_DAYLILY_GIT_DEETS", "daylily-ec-" + RenderStep.version());
        expected.put("REGSUB_MAX_COUNT_8I", "8");
        expected.put("REGSUB_MAX_COUNT_128I", "128");
        expected.put("REGSUB_MAX_COUNT_192I", "192");
        expected.put("REGSUB_HEADNODE_INSTANCE_TYPE", "r7i.4xlarge");
        expected.put("REGSUB_HEARTBEAT_EMAIL", "hb@example.com");
        expected.put("REGSUB_HEARTBEAT_SCHEDULE", "rate(2 hours)");
        expected.put("REGSUB_HEARTBEAT_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/hb");
        assertEquals(new java.util.TreeMap<>(expected), m);
    }

    @Test
    void defaultsForWhatIsNotSet() {
        RunContext bare = RunContext.empty("1").with(ContextKeys.VALUES, ConfigValues.empty().with(ConfigKeys.ENFORCE_BUDGET, "false"))
                .with(ContextKeys.CLUSTER_NAME, "c1").with(ContextKeys.REGION_AZ, "us-west-2b").with(ContextKeys.REGION, "us-west-2");
        Map<String, String> m = RenderStep.values(bare, Map.of());
        assertEquals("unknown-unknown", m.get("REGSUB_USERNAME"));
        assertEquals("aws_profile-default", m.get("REGSUB_AWS_ACCOUNT_ID"));
        assertEquals("skip", m.get("REGSUB_ENFORCE_BUDGET"), "false is the legacy word for skip");
        assertEquals("skip", m.get("REGSUB_HEARTBEAT_EMAIL"));
        assertEquals("none", m.get("REGSUB_HEARTBEAT_SCHEDULER_ROLE_ARN"));
        assertEquals("", m.get("REGSUB_S3_BUCKET_INIT"), "no bucket, no s3:// prefix");
        assertEquals("", m.get("REGSUB_S3_BUCKET_REF"));
        assertEquals("skip", RenderStep.values(bare.with(ContextKeys.VALUES, ConfigValues.empty()), Map.of()).get("REGSUB_ENFORCE_BUDGET"));
        assertEquals("dev", RenderStep.version(), "no jar manifest in a test run");
    }

    @Test
    void renderWritesTheTemplateCopyAndTheRenderedFilePrivately() throws Exception {
        String template = "Region: ${REGSUB_REGION}\nPublic: ${REGSUB_PUB_SUBNET}\nPrivate: ${REGSUB_PRIVATE_SUBNET}\n"
                + "Name: ${REGSUB_CLUSTER_NAME}\nKey: ${REGSUB_KEYNAME}\n";
        Files.writeString(dir.resolve("t.yaml"), template);
        Path cfg = Files.createDirectories(dir.resolve("cfg"));
        TestServices s = TestServices.builder(cfg).workDir(dir).build();
        RunContext out = new RenderStep().run(ctx(values()), s);
        Path rendered = cfg.resolve("c1_init_template_20260211120000.yaml");
        Path copy = cfg.resolve("c1_cluster_20260211120000.yaml.init");
        assertEquals(rendered.toString(), out.require(ContextKeys.INIT_TEMPLATE_PATH));
        assertEquals("Region: us-west-2\nPublic: subnet-0pub\nPrivate: subnet-0priv\nName: c1\nKey: lab-omics\n", Files.readString(rendered));
        assertEquals(template, Files.readString(copy));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rendered)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        CheckResult c = s.events().check("pcluster.render");
        assertEquals(5, c.details().get("tokens"));
        assertEquals("t.yaml", c.details().get("template"));
        assertEquals(copy.toString(), c.details().get("template_copy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"public_subnet_id", "private_subnet_id"})
    void anUnsetRequiredValueIsRefusedAlsoWhenItIsEmpty(String key) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), "Region: ${REGSUB_REGION}\n");
        String token = key.startsWith("public") ? "REGSUB_PUB_SUBNET" : "REGSUB_PRIVATE_SUBNET";
        ConfigValues all = values();
        Map<String, String> without = new HashMap<>(all.values());
        without.remove(key);
        ConfigValues missing = new ConfigValues(new java.util.TreeMap<>(without));
        for (ConfigValues v : new ConfigValues[] {missing, all.with(ConfigKeys.named(key).orElseThrow(), "")}) {
            TestServices s = TestServices.builder(dir).workDir(dir).build();
            RunContext c = ctx(v);
            DaylilyException e = assertThrows(DaylilyException.class, () -> new RenderStep().run(c, s));
            assertEquals(1, e.exitCode().code());
            assertTrue(e.getMessage().contains(token), e.getMessage());
            assertFalse(Files.exists(dir.resolve("c1_init_template_20260211120000.yaml")), "nothing written");
        }
    }

    @Test
    void aMissingTemplateIsExit1NamingItAndABundledOneIsFound() throws Exception {
        DaylilyException e = assertThrows(DaylilyException.class, () -> Templates.read("nope.yaml", dir));
        assertEquals(1, e.exitCode().code());
        assertTrue(e.getMessage().contains("nope.yaml"), e.getMessage());
        assertTrue(Templates.read("config/day_cluster/prod_cluster.yaml", dir).contains("${REGSUB_REGION}"), "from the jar");
        assertThrows(DaylilyException.class, () -> Templates.read("/config/day_cluster/prod_cluster.yaml", dir),
                "an absolute path is a file, never a resource");
        Files.createDirectories(dir.resolve("config/day_cluster"));
        Files.writeString(dir.resolve("config/day_cluster/prod_cluster.yaml"), "mine\n");
        assertEquals("mine\n", Templates.read("config/day_cluster/prod_cluster.yaml", dir), "a file in the working directory wins");
    }

    // ------------------------------------------------------------------ spot prices

    static final String QUEUES = """
            Scheduling:
              SlurmQueues:
                - Name: i8
                  ComputeResources:
                    - Name: a
                      Instances:
                        - InstanceType: r7i.2xlarge
                        - InstanceType: r6i.2xlarge
                      SpotPrice: CALCULATE_MAX_SPOT_PRICE
            """;

    private TestServices priced(Ec2Client ec2, String... env) {
        TestServices.Builder b = TestServices.builder(dir).aws(Ec2Client.class, ec2);
        for (int i = 0; i < env.length; i += 2) {
            b.env(env[i], env[i + 1]);
        }
        return b.build();
    }

    private static Ec2Client ec2(String... typeAndPrice) {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        SpotPrice[] p = new SpotPrice[typeAndPrice.length / 2];
        for (int i = 0; i < p.length; i++) {
            p[i] = SpotPrice.builder().instanceType(typeAndPrice[2 * i]).spotPrice(typeAndPrice[2 * i + 1])
                    .timestamp(Instant.parse("2026-02-11T11:00:00Z")).build();
        }
        when(ec2.describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class)))
                .thenReturn(DescribeSpotPriceHistoryResponse.builder().spotPriceHistory(p).build());
        return ec2;
    }

    @Test
    void theStepAppliesTheDefaultBumpToTheMedian() throws Exception {
        Path init = Files.writeString(dir.resolve("init.yaml"), QUEUES);
        TestServices s = priced(ec2("r7i.2xlarge", "0.50", "r6i.2xlarge", "0.30"));
        RunContext out = new SpotPriceStep().run(ctx(values()).with(ContextKeys.INIT_TEMPLATE_PATH, init.toString()), s);
        Path target = dir.resolve("c1_cluster_20260211120000.yaml");
        assertEquals(target.toString(), out.require(ContextKeys.CLUSTER_YAML_PATH));
        assertTrue(Files.readString(target).contains("SpotPrice: 4.54 "), "median 0.40 + 4.14: " + Files.readString(target));
        CheckResult c = s.events().check("pcluster.spot_prices");
        assertEquals("4.54", c.details().get("queue.i8"));
        assertEquals("4.14", c.details().get("bump"));
        assertEquals(2, c.details().get("types_priced"));
        assertEquals(0, c.details().get("types_without_price"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void theBumpCanBeSetAndATypeWithoutAPriceIsCounted() throws Exception {
        Path init = Files.writeString(dir.resolve("init.yaml"), QUEUES);
        TestServices s = priced(ec2("r7i.2xlarge", "0.50"), SpotPriceStep.BUMP_ENV, "1");
        new SpotPriceStep().run(ctx(values()).with(ContextKeys.INIT_TEMPLATE_PATH, init.toString()), s);
        CheckResult c = s.events().check("pcluster.spot_prices");
        assertEquals("4.025", c.details().get("queue.i8"), "median(0.50, 5.55) + 1");
        assertEquals(1, c.details().get("types_priced"));
        assertEquals(1, c.details().get("types_without_price"));
    }

    @Test
    void aTemplateWithoutSpotQueuesAsksEc2Nothing() throws Exception {
        Path init = Files.writeString(dir.resolve("init.yaml"), "Region: us-west-2\n");
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        TestServices s = priced(ec2);
        new SpotPriceStep().run(ctx(values()).with(ContextKeys.INIT_TEMPLATE_PATH, init.toString()), s);
        verify(ec2, never()).describeSpotPriceHistory(any(DescribeSpotPriceHistoryRequest.class));
        assertEquals("Region: us-west-2\n", Files.readString(dir.resolve("c1_cluster_20260211120000.yaml")));
    }

    @Test
    void anUnreadableInitTemplateIsExit1() {
        DaylilyException e = assertThrows(DaylilyException.class, () -> new SpotPriceStep().run(ctx(values())
                .with(ContextKeys.INIT_TEMPLATE_PATH, dir.resolve("gone.yaml").toString()), priced(SdkMocks.mock(Ec2Client.class))));
        assertEquals(1, e.exitCode().code());
        assertTrue(e.getMessage().contains("gone.yaml"));
    }
}
