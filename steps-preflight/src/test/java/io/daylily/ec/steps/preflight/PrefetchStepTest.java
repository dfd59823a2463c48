package io.daylily.ec.steps.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.daylily.ec.api.testing.SdkMocks;
import io.daylily.ec.api.ContextKeys;
import io.daylily.ec.api.RunContext;
import io.daylily.ec.api.config.ConfigValues;
import io.daylily.ec.api.event.CheckResult;
import io.daylily.ec.api.event.CheckStatus;
import io.daylily.ec.api.testing.TestServices;
import io.daylily.ec.support.lookup.SharedLookups;
import io.daylily.ec.support.config.ConfigKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaRequest;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaResponse;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

/**
 * Issues #10, #28: the gates' declared reads start in the background, each gate takes
 * its result (one call per lookup in all), and the checks are the ones the gates publish without it.
 */
class PrefetchStepTest {
    /**
     * What the runtime does at {@code Order.READS} (issue #28): every later gate's {@code startReads}, in plan
     * order, each a head start that may fail; the context goes on unchanged.
     */
    static RunContext startReads(RunContext ctx, TestServices s) {
        if (!s.lookups().background()) {
            return ctx;
        }
        for (io.daylily.ec.api.Step step : List.of(new IamStep(), new QuotaStep(), new S3SelectStep(), new S3VerifyStep(),
                new KeyPairStep(), new NetworkStep(), new InstanceTypesStep())) {
            try {
                step.startReads(ctx, s);
            } catch (RuntimeException e) {
                // the runtime drops it too: the gate meets it again in its place
            }
        }
        return ctx;
    }

    @TempDir
    Path dir;

    private final IamClient iam = SdkMocks.mock(IamClient.class);
    private final ServiceQuotasClient sq = mock(ServiceQuotasClient.class);
    private final S3Client s3 = mock(S3Client.class);
    private final Ec2Client ec2 = SdkMocks.mock(Ec2Client.class);
    /** The thread each operation ran on. */
    private final Map<String, Thread> ranOn = new ConcurrentHashMap<>();

    @BeforeEach
    void stub() throws Exception {
        when(iam.listPolicies(any(ListPoliciesRequest.class))).thenAnswer(inv -> {
            ranOn.put("ListPolicies", Thread.currentThread());
            return ListPoliciesResponse.builder().build();
        });
        when(sq.getServiceQuota(any(GetServiceQuotaRequest.class))).thenAnswer(inv -> {
            ranOn.put("GetServiceQuota", Thread.currentThread());
            return GetServiceQuotaResponse.builder().quota(ServiceQuota.builder().value(5000.0).build()).build();
        });
        when(s3.listBuckets(any(ListBucketsRequest.class))).thenAnswer(inv -> {
            ranOn.put("ListBuckets", Thread.currentThread());
            return ListBucketsResponse.builder().buckets(Bucket.builder().name("lab-omics-analysis-usw2")
                    .bucketRegion("us-west-2").build()).build();
        });
        when(ec2.describeKeyPairs(any(DescribeKeyPairsRequest.class))).thenAnswer(inv -> {
            ranOn.put("DescribeKeyPairs", Thread.currentThread());
            return DescribeKeyPairsResponse.builder().keyPairs(KeyPairInfo.builder().keyName("lab-omics")
                    .keyType(KeyType.ED25519).build()).build();
        });
        when(ec2.describeSubnets(any(DescribeSubnetsRequest.class))).thenAnswer(inv -> {
            ranOn.put("DescribeSubnets", Thread.currentThread());
            return DescribeSubnetsResponse.builder().subnets(NetworkAndTypesTest.subnet("subnet-1", "x Public Subnet"),
                    NetworkAndTypesTest.subnet("subnet-2", "x Private Subnet")).build();
        });
        when(ec2.describeInstanceTypeOfferings(any(DescribeInstanceTypeOfferingsRequest.class))).thenAnswer(inv -> {
            ranOn.put("DescribeInstanceTypeOfferings", Thread.currentThread());
            DescribeInstanceTypeOfferingsRequest r = inv.getArgument(0);
            return DescribeInstanceTypeOfferingsResponse.builder().instanceTypeOfferings(r.filters().get(1).values().stream()
                    .map(t -> InstanceTypeOffering.builder().instanceType(t).build()).toList()).build();
        });
        Files.writeString(dir.resolve("t.yaml"), "Scheduling:\n  SlurmQueues:\n    - ComputeResources:\n"
                + "        - InstanceType: c7i.8xlarge\n");
        Path ssh = Files.createDirectories(dir.resolve(".ssh"));
        Path pem = Files.writeString(ssh.resolve("lab-omics.pem"), "not a key");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("r--------"));
    }

    private TestServices services(String... env) {
        TestServices.Builder b = TestServices.builder(dir).workDir(dir).env("HOME", dir.toString()).lookups(SharedLookups::forEnv)
                .aws(IamClient.class, iam).aws(ServiceQuotasClient.class, sq).aws(S3Client.class, s3).aws(Ec2Client.class, ec2);
        for (int i = 0; i < env.length; i += 2) {
            b.env(env[i], env[i + 1]);
        }
        return b.build();
    }

    private static RunContext ctx() {
        return Ctx.user("arn:aws:iam::123456789012:user/alice").with(ContextKeys.VALUES, ConfigValues.empty()
                .with(ConfigKeys.CLUSTER_TEMPLATE_YAML, "t.yaml").with(ConfigKeys.HEADNODE_INSTANCE_TYPE, "r7i.2xlarge"));
    }

    /** The gates after the prefetch that use its lookups, in plan order (identity and IAM attachments aside). */
    private static RunContext gates(RunContext ctx, TestServices s) {
        ctx = new QuotaStep().run(ctx, s);
        ctx = new S3SelectStep().run(ctx, s);
        ctx = new KeyPairStep().run(ctx, s);
        ctx = new NetworkStep().run(ctx, s);
        return new InstanceTypesStep().run(ctx, s);
    }

    @Test
    void everyLookupGoesOutInTheBackgroundBeforeItsGateAndOnce() {
        TestServices s = services();
        RunContext after = startReads(ctx(), s);
        assertEquals(ctx(), after, "the prefetch changes no context");
        assertEquals(List.of(), s.events().checks(), "and publishes nothing");
        assertTrue(s.lookups().settle(Duration.ofSeconds(10)));
        assertEquals(Set.of("ListPolicies", "GetServiceQuota", "ListBuckets", "DescribeKeyPairs", "DescribeSubnets",
                "DescribeInstanceTypeOfferings"), ranOn.keySet(), "all sent before any gate ran");
        ranOn.values().forEach(t -> assertNotEquals(Thread.currentThread(), t));

        RunContext out = gates(ctx(), s);
        verify(iam, times(1)).listPolicies(any(ListPoliciesRequest.class));
        verify(sq, times(QuotaStep.QUOTAS.size())).getServiceQuota(any(GetServiceQuotaRequest.class));
        verify(s3, times(1)).listBuckets(any(ListBucketsRequest.class));
        verify(ec2, times(1)).describeKeyPairs(any(DescribeKeyPairsRequest.class));
        verify(ec2, times(1)).describeSubnets(any(DescribeSubnetsRequest.class));
        verify(ec2, times(1)).describeInstanceTypeOfferings(any(DescribeInstanceTypeOfferingsRequest.class));
        assertEquals("lab-omics-analysis-usw2", out.require(ContextKeys.REFERENCE_BUCKET).name());
        assertEquals("lab-omics", out.require(ContextKeys.KEY_PAIR).name());
        assertEquals("subnet-1", out.require(ContextKeys.NETWORK).publicSubnetId());
        assertEquals(List.of("c7i.8xlarge", "r7i.2xlarge"), s.events().check("ec2.instance_types").details().get("instance_types"));
    }

    @Test
    void theReportIsTheSameWithAndWithoutThePrefetch() {
        TestServices with = services();
        gates(startReads(ctx(), with), with);
        TestServices without = services("DAYLILY_SEQUENTIAL", "1");
        gates(ctx(), without);
        List<String> a = with.events().checks().stream().map(c -> c.id() + " " + c.status() + " " + c.details()).toList();
        List<String> b = without.events().checks().stream().map(c -> c.id() + " " + c.status() + " " + c.details()).toList();
        assertEquals(b, a);
        assertTrue(a.size() >= 10, a.toString());
        with.events().checks().forEach(c -> assertEquals(CheckStatus.PASS, c.status(), c.toString()));
    }

    @Test
    void sequentialSendsNothingUntilEachGateAsks() {
        TestServices s = services("DAYLILY_SEQUENTIAL", "1");
        RunContext in173 = ctx();
        org.junit.jupiter.api.Assertions.assertSame(in173, startReads(in173, s), "the context goes on unchanged");
        verifyNoInteractions(iam, sq, s3, ec2);
        new QuotaStep().run(ctx(), s);
        verify(sq, times(QuotaStep.QUOTAS.size())).getServiceQuota(any(GetServiceQuotaRequest.class));
        verify(ec2, never()).describeKeyPairs(any(DescribeKeyPairsRequest.class));
        assertSame(Thread.currentThread(), ranOn.get("GetServiceQuota"), "made by the gate itself, on its thread");
    }

    @Test
    void aLookupThatFailsInTheBackgroundIsReportedByItsGateInItsPlace() {
        when(ec2.describeKeyPairs(any(DescribeKeyPairsRequest.class))).thenThrow(IdentityAndIamTest.denied("UnauthorizedOperation"));
        TestServices s = services();
        RunContext in185 = ctx();
        org.junit.jupiter.api.Assertions.assertSame(in185, startReads(in185, s), "the context goes on unchanged");
        assertTrue(s.lookups().settle(Duration.ofSeconds(10)));
        assertEquals(List.of(), s.events().checks(), "nothing reported before the gate runs");
        new QuotaStep().run(ctx(), s);
        new KeyPairStep().run(ctx(), s);
        List<CheckResult> checks = s.events().checks();
        CheckResult last = checks.get(checks.size() - 1);
        assertEquals("keypair.select", last.id());
        assertEquals(CheckStatus.FAIL, last.status());
        assertTrue(last.remediation().contains("was denied (UnauthorizedOperation: not allowed); grant ec2:DescribeKeyPairs"), last.remediation());
        verify(ec2, times(1)).describeKeyPairs(any(DescribeKeyPairsRequest.class));
    }

    @Test
    void aGateWaitsForItsLookupStillInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        when(ec2.describeSubnets(any(DescribeSubnetsRequest.class))).thenAnswer(inv -> {
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return DescribeSubnetsResponse.builder().subnets(NetworkAndTypesTest.subnet("subnet-7", "x Public Subnet"),
                    NetworkAndTypesTest.subnet("subnet-8", "x Private Subnet")).build();
        });
        TestServices s = services();
        RunContext in207 = ctx();
        org.junit.jupiter.api.Assertions.assertSame(in207, startReads(in207, s), "the context goes on unchanged");
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        RunContext out = new NetworkStep().run(ctx(), s);
        releaser.join();
        assertEquals("subnet-7", out.get(ContextKeys.NETWORK).map(io.daylily.ec.api.facts.Network::publicSubnetId).orElse(""));
        verify(ec2, times(1)).describeSubnets(any(DescribeSubnetsRequest.class));
    }

    @Test
    void aLookupItCannotStartIsLeftToItsGateAndTheOthersStillGo() {
        TestServices s = TestServices.builder(dir).workDir(dir).env("HOME", dir.toString()).lookups(SharedLookups::forEnv)
                .aws(IamClient.class, iam).aws(ServiceQuotasClient.class, sq).aws(Ec2Client.class, ec2).build(); // no S3 client
        assertEquals(ctx(), startReads(ctx(), s), "the prefetch never fails a run");
        assertTrue(s.lookups().settle(Duration.ofSeconds(10)));
        assertEquals(Set.of("ListPolicies", "GetServiceQuota", "DescribeKeyPairs", "DescribeSubnets",
                "DescribeInstanceTypeOfferings"), ranOn.keySet());
        assertEquals(List.of(), s.events().checks());
    }

    @Test
    void anUnreadableTemplateIsLeftToItsGate() throws Exception {
        Files.delete(dir.resolve("t.yaml"));
        TestServices s = services();
        RunContext in238 = ctx();
        org.junit.jupiter.api.Assertions.assertSame(in238, startReads(in238, s), "the context goes on unchanged");
        assertTrue(s.lookups().settle(Duration.ofSeconds(10)));
        verify(ec2, never()).describeInstanceTypeOfferings(any(DescribeInstanceTypeOfferingsRequest.class));
        new InstanceTypesStep().run(ctx(), s);
        CheckResult c = s.events().check("ec2.instance_types");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.remediation().startsWith("cannot read the cluster template t.yaml"), c.remediation());
    }

    private TestServices withRunner(io.daylily.ec.api.testing.FakeProcessRunner r, String... env) {
        TestServices.Builder b = TestServices.builder(dir).workDir(dir).env("HOME", dir.toString()).lookups(SharedLookups::forEnv)
                .processes(r).aws(IamClient.class, iam).aws(ServiceQuotasClient.class, sq).aws(S3Client.class, s3).aws(Ec2Client.class, ec2);
        for (int i = 0; i < env.length; i += 2) {
            b.env(env[i], env[i + 1]);
        }
        return b.build();
    }

    @Test
    void theVerifierStartsOnceTheListingLandsAndItsGateTakesThatRun() {
        Map<String, Thread> verifiedOn = new ConcurrentHashMap<>();
        io.daylily.ec.api.testing.FakeProcessRunner r = new io.daylily.ec.api.testing.FakeProcessRunner()
                .on("daylily-omics-references.sh", spec -> {
                    verifiedOn.put(String.join(" ", spec.argv()), Thread.currentThread());
                    return io.daylily.ec.api.testing.FakeProcessRunner.result(0, "ok", "");
                });
        TestServices s = withRunner(r);
        startReads(ctx(), s);
        assertTrue(s.lookups().settle(Duration.ofSeconds(10)));
        assertEquals(Set.of("daylily-omics-references.sh --profile lab --region us-west-2 verify --bucket lab-omics-analysis-usw2 --exclude-b37"),
                verifiedOn.keySet(), "the only candidate's verification ran before any gate");
        verifiedOn.values().forEach(t -> assertNotEquals(Thread.currentThread(), t));
        assertEquals(List.of(), s.events().checks(), "nothing reported ahead");
        RunContext out = new S3SelectStep().run(ctx(), s);
        new S3VerifyStep().run(out, s);
        assertEquals(CheckStatus.PASS, s.events().check("s3.bucket_verify").status());
        assertEquals(1, r.runs().size(), "the gate took the run started ahead: " + r.runs());
    }

    /** Two candidate buckets in the region; a verifier that passes. */
    private io.daylily.ec.api.testing.FakeProcessRunner twoCandidatesAndAVerifier() {
        when(s3.listBuckets(any(ListBucketsRequest.class))).thenReturn(ListBucketsResponse.builder().buckets(
                Bucket.builder().name("a-omics-analysis").bucketRegion("us-west-2").build(),
                Bucket.builder().name("b-omics-analysis").bucketRegion("us-west-2").build()).build());
        return new io.daylily.ec.api.testing.FakeProcessRunner().on("daylily-omics-references.sh", 0, "ok");
    }

    @Test
    void noVerifierAheadWhenTheChoiceWouldNeedSomeone() {
        io.daylily.ec.api.testing.FakeProcessRunner r = twoCandidatesAndAVerifier();
        TestServices s = withRunner(r);
        startReads(ctx(), s);
        assertTrue(s.lookups().settle(Duration.ofSeconds(10)));
        assertEquals(List.of(), r.runs(), "two candidates and no set value: the gate (or the user) chooses first");
    }

    @Test
    void aConfiguredBucketThatIsACandidateIsVerifiedAhead() {
        io.daylily.ec.api.testing.FakeProcessRunner r = twoCandidatesAndAVerifier();
        TestServices s = withRunner(r);
        RunContext c = ctx().with(ContextKeys.CONFIG, Ctx.config("s3_bucket_name", "b-omics-analysis"));
        startReads(c, s);
        assertTrue(s.lookups().settle(Duration.ofSeconds(10)));
        assertEquals(1, r.runs().size());
        assertTrue(r.runs().get(0).argv().contains("b-omics-analysis"), r.runs().toString());
    }
}
