package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.IamPolicies;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A value set in the config for the key pair, a subnet, the bucket or the policy ARN is never
 * replaced by the only candidate: when it does not qualify the gate fails naming the key, the value
 * and the candidates that would (issue #16).
 */
class PinnedValuesTest {
    @TempDir
    Path dir;

    private static void assertRefused(CheckResult c, String key, String value, String candidate) {
        assertEquals(CheckStatus.FAIL, c.status(), c.toString());
        assertEquals(value, c.details().get("configured"));
        assertTrue(c.remediation().startsWith(key + " '" + value + "' (set in the config) "), c.remediation());
        assertTrue(c.remediation().contains("it is not replaced by another one"), c.remediation());
        assertTrue(c.remediation().contains("Candidates that qualify: " + candidate), c.remediation());
    }

    @Test
    void aConfiguredKeyPairThatDoesNotQualifyIsNotReplacedByTheOnlyOneThatDoes() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve(".ssh"));
        Path pem = Files.writeString(ssh.resolve("good-omics.pem"), "k");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("r--------"));
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeKeyPairs(any(DescribeKeyPairsRequest.class))).thenReturn(DescribeKeyPairsResponse.builder().keyPairs(
                KeyPairInfo.builder().keyName("good-omics").keyType(KeyType.ED25519).build(),
                KeyPairInfo.builder().keyName("rsa-omics").keyType(KeyType.RSA).build()).build());
        for (String pinned : new String[] {"rsa-omics", "typo-omics"}) {
            TestServices s = TestServices.builder(dir).aws(Ec2Client.class, ec2).env("HOME", dir.toString()).build();
            RunContext in = Ctx.withConfig("ssh_key_name", pinned);
            assertSame(in, new KeyPairStep().run(in, s), pinned);
            assertRefused(s.events().check("keypair.select"), "ssh_key_name", pinned, "good-omics");
        }
        // the same key pair, configured, is taken
        TestServices ok = TestServices.builder(dir).aws(Ec2Client.class, ec2).env("HOME", dir.toString()).build();
        RunContext out = new KeyPairStep().run(Ctx.withConfig("ssh_key_name", "good-omics"), ok);
        assertEquals("good-omics", out.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::name).orElse(""));
    }

    @Test
    void aConfiguredBucketOutsideTheRegionIsNotReplaced() {
        S3Client s3 = S3AndKeyPairTest.s3(Map.of("lab-omics-analysis-us-west-2", "us-west-2", "lab-omics-analysis-us-east-1", "us-east-1"));
        TestServices s = TestServices.builder(dir).aws(S3Client.class, s3).build();
        RunContext in = Ctx.withConfig("s3_bucket_name", "lab-omics-analysis-us-east-1");
        assertSame(in, new S3SelectStep().run(in, s));
        assertRefused(s.events().check("s3.bucket_select"), "s3_bucket_name", "lab-omics-analysis-us-east-1",
                "lab-omics-analysis-us-west-2");
    }

    private TestServices subnets() {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeSubnets(any(DescribeSubnetsRequest.class))).thenReturn(DescribeSubnetsResponse.builder().subnets(
                NetworkAndTypesTest.subnet("subnet-0aaa", "x Public Subnet"), NetworkAndTypesTest.subnet("subnet-0bbb", "x Private Subnet"))
                .build());
        return TestServices.builder(dir).aws(Ec2Client.class, ec2).build();
    }

    @Test
    void aConfiguredSubnetThatIsNotTaggedInTheZoneIsNotReplaced() {
        TestServices s = subnets();
        RunContext in = Ctx.withConfig("public_subnet_id", "subnet-0bbb").with(ContextKeys.IAM_POLICIES,
                new IamPolicies(List.of("arn:aws:iam::123456789012:policy/pclusterTagsAndBudget"), ""));
        RunContext out = new NetworkStep().run(in, s);
        assertRefused(s.events().check("network.subnets"), "public_subnet_id", "subnet-0bbb", "subnet-0aaa");
        assertEquals("", out.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::publicSubnetId).orElse(""), "nothing chosen in its place");
        TestServices p = subnets();
        new NetworkStep().run(Ctx.withConfig("private_subnet_id", "subnet-0fff"), p);
        assertRefused(p.events().check("network.subnets"), "private_subnet_id", "subnet-0fff", "subnet-0bbb");
    }

    @Test
    void aConfiguredPolicyArnThatIsNotAPclusterTagsAndBudgetPolicyIsNotReplaced() {
        TestServices s = subnets();
        String mine = "arn:aws:iam::123456789012:policy/pclusterTagsAndBudget";
        RunContext in = Ctx.withConfig("iam_policy_arn", "arn:aws:iam::123456789012:policy/Other")
                .with(ContextKeys.IAM_POLICIES, new IamPolicies(List.of(mine), ""));
        RunContext out = new NetworkStep().run(in, s);
        assertRefused(s.events().check("iam.tags_budget_policy"), "iam_policy_arn", "arn:aws:iam::123456789012:policy/Other", mine);
        assertEquals("", out.get(ContextKeys.CLUSTER_POLICY).map(io.daylily.ec.api.facts.ClusterPolicy::arn).orElse(""));
        assertEquals(CheckStatus.PASS, s.events().check("network.subnets").status(), "the subnets themselves were fine");
    }
}
