package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.FakeProcessRunner;
import io.daylily.ec.api.testing.ScriptedPrompter;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

/** PARITY §29.7 and §9. */
class S3AndKeyPairTest {
    @TempDir
    Path dir;

    /** Buckets name → location constraint ("" for us-east-1, null for a failing lookup). */
    static S3Client s3(Map<String, String> buckets) {
        S3Client s3 = mock(S3Client.class);
        when(s3.listBuckets(any(ListBucketsRequest.class))).thenReturn(ListBucketsResponse.builder()
                .buckets(buckets.keySet().stream().sorted().map(n -> Bucket.builder().name(n).build()).toList()).build());
        when(s3.getBucketLocation(any(GetBucketLocationRequest.class))).thenAnswer(inv -> {
            String name = ((GetBucketLocationRequest) inv.getArgument(0)).bucket();
            String loc = buckets.get(name);
            if (loc == null) {
                throw IdentityAndIamTest.denied("AccessDenied");
            }
            return GetBucketLocationResponse.builder().locationConstraint(loc).build();
        });
        return s3;
    }

    @Test
    void locationRules() {
        assertEquals("us-east-1", S3SelectStep.regionOf(null));
        assertEquals("us-east-1", S3SelectStep.regionOf(""));
        assertEquals("eu-west-1", S3SelectStep.regionOf("eu-west-1"));
    }

    @Test
    void candidatesAreOmicsBucketsInTheRegionSorted() {
        S3Client s3 = s3(Map.of("my-omics-analysis-us-west-2", "us-west-2", "other-bucket", "us-west-2",
                "dev-omics-analysis-us-east-1", "", "z-omics-analysis", "us-west-2", "a-omics-analysis", "us-west-2",
                "broken-omics-analysis", "__fail__"));
        when(s3.getBucketLocation(GetBucketLocationRequest.builder().bucket("broken-omics-analysis").build()))
                .thenThrow(IdentityAndIamTest.denied("AccessDenied"));
        assertEquals(List.of("a-omics-analysis", "my-omics-analysis-us-west-2", "z-omics-analysis"),
                S3SelectStep.candidates(s3, "us-west-2", Map.of()));
        verify(s3, never()).getBucketLocation(GetBucketLocationRequest.builder().bucket("other-bucket").build());
    }

    @Test
    void bucketRegionFromListBucketsSkipsTheLookups() {
        S3Client s3 = mock(S3Client.class);
        when(s3.listBuckets(any(ListBucketsRequest.class))).thenReturn(ListBucketsResponse.builder().buckets(
                Bucket.builder().name("x-omics-analysis").bucketRegion("us-west-2").build()).build());
        assertEquals(List.of("x-omics-analysis"), S3SelectStep.candidates(s3, "us-west-2", Map.of()));
        verify(s3, never()).getBucketLocation(any(GetBucketLocationRequest.class));
    }

    @Test
    void listErrorMeansNoCandidates() {
        S3Client s3 = mock(S3Client.class);
        when(s3.listBuckets(any(ListBucketsRequest.class))).thenThrow(IdentityAndIamTest.denied("AccessDenied"));
        assertEquals(List.of(), S3SelectStep.candidates(s3, "us-west-2", Map.of()));
    }

    @Test
    void selectionPrecedence() {
        ScriptedPrompter ni = ScriptedPrompter.nonInteractive();
        assertEquals(Optional.of("bucket-b"), Selection.choose(List.of("bucket-a", "bucket-b"), Optional.of("bucket-b"), false, "", ni, "k", "t").value());
        Selection.Choice pinned = Selection.choose(List.of("bucket-a"), Optional.of("bucket-missing"), false, "", ni, "k", "t");
        assertEquals(Optional.empty(), pinned.value(), "a set value that is not a candidate is never replaced (issue #16)");
        assertEquals(Selection.PINNED_NOT_CANDIDATE, pinned.how());
        assertEquals(Optional.empty(), Selection.choose(List.of("bucket-a"), Optional.empty(), true, "", ni, "k", "t").value());
        assertEquals(Optional.of("bucket-a"), Selection.choose(List.of("bucket-a", "bucket-b"), Optional.empty(), false, "bucket-a", ni, "k", "t").value());
        assertEquals(Optional.empty(), Selection.choose(List.of("bucket-a", "bucket-b"), Optional.empty(), false, "bucket-c", ni, "k", "t").value());
        assertEquals(Optional.empty(), Selection.choose(List.of(), Optional.empty(), false, "", ni, "k", "t").value());
        assertEquals(Optional.empty(), Selection.choose(List.of("bucket-a", "bucket-b"), Optional.empty(), false, "", ni, "k", "t").value());
        assertEquals(Optional.of("bucket-b"), Selection.choose(List.of("bucket-a", "bucket-b"), Optional.empty(), false, "",
                ScriptedPrompter.answering("2"), "k", "t").value());
    }

    private TestServices services(S3Client s3) {
        return TestServices.builder(dir).aws(S3Client.class, s3).build();
    }

    @Test
    void selectStep() {
        TestServices one = services(s3(Map.of("lab-omics-analysis-us-west-2", "us-west-2")));
        RunContext out = new S3SelectStep().run(Ctx.base(), one);
        CheckResult c = one.events().check("s3.bucket_select");
        assertEquals(CheckStatus.PASS, c.status());
        assertEquals("s3://lab-omics-analysis-us-west-2", c.details().get("bucket_url"));
        assertEquals("lab-omics-analysis-us-west-2", out.get(ContextKeys.REFERENCE_BUCKET).map(io.daylily.ec.api.facts.ReferenceBucket::name).orElse(""));
        assertEquals("s3://lab-omics-analysis-us-west-2", out.require(ContextKeys.REFERENCE_BUCKET).url());

        TestServices none = services(s3(Map.of("lab-omics-analysis-us-east-1", "")));
        RunContext in124 = Ctx.withConfig("s3_bucket_name", "lab-omics-analysis-us-east-1");
        org.junit.jupiter.api.Assertions.assertSame(in124, new S3SelectStep().run(in124, none), "the context goes on unchanged");
        CheckResult n = none.events().check("s3.bucket_select");
        assertEquals(CheckStatus.FAIL, n.status());
        assertTrue(n.remediation().startsWith("s3_bucket_name 'lab-omics-analysis-us-east-1' (set in the config) is not an"
                + " omics-analysis bucket in us-west-2"), n.remediation());
        assertTrue(n.remediation().contains("Candidates that qualify: none"), n.remediation());

        TestServices two = services(s3(Map.of("a-omics-analysis", "us-west-2", "b-omics-analysis", "us-west-2")));
        RunContext in131 = Ctx.base();
        org.junit.jupiter.api.Assertions.assertSame(in131, new S3SelectStep().run(in131, two), "the context goes on unchanged");
        assertTrue(two.events().check("s3.bucket_select").remediation().contains("auto-selected"));
    }

    @Test
    void verifyRunsTheVerifierWithTheContractArgv() {
        FakeProcessRunner ok = new FakeProcessRunner().on("daylily-omics-references.sh", 0, "ok");
        TestServices s = TestServices.builder(dir).processes(ok).build();
        RunContext ctx = Ctx.base().with(ContextKeys.REFERENCE_BUCKET, new io.daylily.ec.api.facts.ReferenceBucket("b-omics-analysis"));
        RunContext in140 = ctx;
        org.junit.jupiter.api.Assertions.assertSame(in140, new S3VerifyStep().run(in140, s), "the context goes on unchanged");
        assertEquals(CheckStatus.PASS, s.events().check("s3.bucket_verify").status());
        assertEquals(List.of("daylily-omics-references.sh", "--profile", "lab", "--region", "us-west-2", "verify", "--bucket",
                "b-omics-analysis", "--exclude-b37"), ok.runs().get(0).argv());
        assertEquals("lab", ok.runs().get(0).env().get("AWS_PROFILE"));

        FakeProcessRunner bad = new FakeProcessRunner().on("daylily-omics-references.sh",
                spec -> FakeProcessRunner.result(3, "", "missing prefix data/genomic_data/\n"));
        TestServices f = TestServices.builder(dir).processes(bad).build();
        RunContext in149 = ctx;
        org.junit.jupiter.api.Assertions.assertSame(in149, new S3VerifyStep().run(in149, f), "the context goes on unchanged");
        CheckResult c = f.events().check("s3.bucket_verify");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("exit 3: missing prefix data/genomic_data/"), c.remediation());
    }

    // ------------------------------------------------------------------ key pair

    private Ec2Client keys(KeyPairInfo... pairs) {
        Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
        when(ec2.describeKeyPairs(any(DescribeKeyPairsRequest.class))).thenReturn(DescribeKeyPairsResponse.builder().keyPairs(pairs).build());
        return ec2;
    }

    private static KeyPairInfo key(String name, KeyType type) {
        return KeyPairInfo.builder().keyName(name).keyType(type).build();
    }

    private Path pem(String name, String mode) throws Exception {
        Path ssh = Files.createDirectories(dir.resolve(".ssh"));
        Path p = ssh.resolve(name + ".pem");
        Files.writeString(p, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    private TestServices keyServices(Ec2Client ec2) {
        return TestServices.builder(dir).aws(Ec2Client.class, ec2).env("HOME", dir.toString()).build();
    }

    @Test
    void singleValidKeyIsSelectedAndPemModeChecked() throws Exception {
        Path p = pem("lab-omics-key", "r--------");
        TestServices s = keyServices(keys(key("lab-omics-key", KeyType.ED25519), key("rsa-omics", KeyType.RSA),
                key("other", KeyType.ED25519)));
        RunContext out = new KeyPairStep().run(Ctx.base(), s);
        assertEquals(CheckStatus.PASS, s.events().check("keypair.pem").status());
        assertEquals("lab-omics-key", out.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::name).orElse(""));
        assertEquals(new io.daylily.ec.api.facts.KeyPair(out.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::name).orElse(""), p.toString()),
                out.require(ContextKeys.KEY_PAIR), "the record names the same key pair as the values");
    }

    @Test
    void pemModeOtherThan400Fails() throws Exception {
        Path p = pem("lab-omics-key", "rw-r--r--");
        TestServices s = keyServices(keys(key("lab-omics-key", KeyType.ED25519)));
        new KeyPairStep().run(Ctx.base(), s);
        CheckResult c = s.events().check("keypair.pem");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("chmod 400 " + p));
    }

    @Test
    void noValidKeyFailsNamingWhatWasFound() {
        TestServices s = keyServices(keys(key("lab-omics-key", KeyType.ED25519)));
        new KeyPairStep().run(Ctx.base(), s);
        CheckResult c = s.events().check("keypair.select");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().contains("found without PEM or not ed25519: lab-omics-key"), c.remediation());
    }

    @Test
    void setValueChoosesAmongSeveral() throws Exception {
        pem("a-omics", "r--------");
        pem("b-omics", "r--------");
        TestServices s = keyServices(keys(key("a-omics", KeyType.ED25519), key("b-omics", KeyType.ED25519)));
        RunContext out = new KeyPairStep().run(Ctx.withConfig("ssh_key_name", "b-omics"), s);
        assertEquals("b-omics", out.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::name).orElse(""));
        TestServices ni = keyServices(keys(key("a-omics", KeyType.ED25519), key("b-omics", KeyType.ED25519)));
        new KeyPairStep().run(Ctx.base(), ni);
        assertFalse(ni.events().check("keypair.select").remediation().isEmpty());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "PEM mode {0} is {1}")
    @org.junit.jupiter.params.provider.CsvSource({"r--------,PASS", "rw-------,FAIL", "r--r-----,FAIL", "r-x------,FAIL",
            "-w-------,FAIL", "---------,FAIL", "r-----r--,FAIL", "r--r--r--,FAIL"})
    void thePemModeMustBeExactly400(String mode, CheckStatus expected) throws Exception {
        pem("lab-omics-key", mode);
        TestServices s = keyServices(keys(key("lab-omics-key", KeyType.ED25519)));
        RunContext in = Ctx.base();
        RunContext out = new KeyPairStep().run(in, s);
        CheckResult c = s.events().check("keypair.pem");
        assertEquals(expected, c.status(), mode);
        assertEquals(mode, c.details().get("mode"));
        if (expected == CheckStatus.FAIL) {
            org.junit.jupiter.api.Assertions.assertSame(in, out, "a refused PEM selects nothing");
        } else {
            assertEquals("lab-omics-key", out.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::name).orElse(""));
        }
    }

    @Test
    void aKeyNameWithADotIsKeptWhole() throws Exception {
        Path p = pem("lab.omics", "r--------");
        TestServices s = keyServices(keys(key("lab.omics", KeyType.ED25519)));
        RunContext out = new KeyPairStep().run(Ctx.base(), s);
        assertEquals("lab.omics", out.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::name).orElse(""));
        assertEquals(new io.daylily.ec.api.facts.KeyPair(out.get(ContextKeys.KEY_PAIR).map(io.daylily.ec.api.facts.KeyPair::name).orElse(""), p.toString()),
                out.require(ContextKeys.KEY_PAIR), "the record names the same key pair as the values");
    }

    @Test
    void onlyEd25519KeysWhoseNameContainsOmicsAndThatHaveAPemAreCandidates() throws Exception {
        pem("a-omics", "r--------");
        pem("b-omics", "r--------");
        pem("plain", "r--------");
        TestServices s = keyServices(keys(key("b-omics", KeyType.ED25519), key("a-omics", KeyType.ED25519),
                key("c-omics", KeyType.ED25519), key("plain", KeyType.ED25519), key("d-omics", KeyType.RSA)));
        RunContext in = Ctx.base();
        assertSame(in, new KeyPairStep().run(in, s));
        CheckResult c = s.events().check("keypair.select");
        assertEquals(CheckStatus.FAIL, c.status(), "two qualify and none is configured");
        assertEquals(List.of("a-omics", "b-omics"), c.details().get("candidates"), "sorted; no PEM, not omics or not ed25519 left out");
    }

    @Test
    void bucketsThatCannotBeListedAreAnAwsFailureNotNoBucket() {
        S3Client s3 = mock(S3Client.class);
        when(s3.listBuckets(any(ListBucketsRequest.class))).thenThrow(IdentityAndIamTest.denied("AccessDenied"));
        TestServices s = services(s3);
        RunContext in = Ctx.base();
        assertSame(in, new S3SelectStep().run(in, s));
        CheckResult c = s.events().check("s3.bucket_select");
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals("access_denied", c.details().get(io.daylily.ec.support.AwsErrors.DETAIL), "exit 2, not 1");
        assertTrue(c.remediation().startsWith("cannot choose the reference bucket in us-west-2: s3:ListAllMyBuckets was denied"),
                c.remediation());
        assertTrue(!c.remediation().contains("No S3 buckets"), c.remediation());
    }
}
